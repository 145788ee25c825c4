import { defineConfig } from 'vitest/config';

// The tests run ads-server as its own process and wait for real (sandbox and emulated) jobs.
export default defineConfig({
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
