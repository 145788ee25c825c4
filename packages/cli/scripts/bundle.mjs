// Bundles the CLI into dist/ads.js: one file starts much faster than the ~30 modules tsc emits,
// which keeps `ads --help` close to bare `node`. The SDK stays outside; commands load it on first use.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/ads.js', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@ads/sdk', '@ads/sdk/node'],
  // commander is CommonJS; give its require() of Node built-ins a real require.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
