import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by ads-server at `/`; in `pnpm dev`, the API calls go to a gateway on 8787.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 800 },
  server: {
    proxy: Object.fromEntries(
      ['/v1', '/api'].map((prefix) => [
        prefix,
        { target: process.env.ADS_GATEWAY ?? 'http://127.0.0.1:8787' },
      ]),
    ),
  },
});
