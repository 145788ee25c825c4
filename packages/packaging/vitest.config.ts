import { defineConfig } from 'vitest/config';

// npm installs the packed tarballs (and compiles better-sqlite3) on a busy 2-core machine: minutes.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 900_000 },
});
