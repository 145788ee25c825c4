import { defineConfig } from 'vitest/config';

// The tests run ads-server as its own process and drive it with the real `ai` package.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
