import { defineConfig } from 'vitest/config';

// The tests read the built site (dist/), drive Debian's chromium, and run the Quickstart against a
// real gateway process.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
