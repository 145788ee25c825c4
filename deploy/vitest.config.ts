import { defineConfig } from 'vitest/config';

// Each file writes the production bundle and starts real processes (nginx, PostgreSQL, two gateways)
// on a busy 2-core machine: minutes, not seconds.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 },
});
