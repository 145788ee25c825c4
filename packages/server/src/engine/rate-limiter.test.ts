import { describe, expect, it } from 'vitest';
import { LocalRateLimits } from './rate-limiter.js';

const kieReads = { limit: 10, windowMs: 1000 };

/** How many takes were granted in the busiest window of `windowMs`. */
function busiestWindow(grantedAt: number[], windowMs: number): number {
  return Math.max(
    ...grantedAt.map((start) => grantedAt.filter((at) => at >= start && at < start + windowMs).length),
  );
}

describe('rate limits', () => {
  it('never lets more than the limit into any window, across the window edges', async () => {
    let now = 0;
    const limits = new LocalRateLimits(() => now);
    // 100 tasks due at once, then one new task every 50 ms; each turned-away task comes back at its turn.
    const servedAt: number[] = [];
    for (let index = 0; index < 200; index++) {
      now = index < 100 ? 0 : (index - 100) * 50;
      const grant = await limits.take('kie:status', kieReads);
      servedAt.push(grant.granted ? now : now + grant.waitMs);
    }
    expect(busiestWindow(servedAt, 1000)).toBeLessThanOrEqual(10);
    // and it uses the allowance, less 5% for jitter: 8.55 a second after the first, so 200 calls take 23.3 s
    expect(Math.max(...servedAt)).toBeLessThanOrEqual(23_400);
  });

  it('gives a backlog one turn each, in order, over exactly the time it needs', async () => {
    const limits = new LocalRateLimits(() => 0);
    expect((await limits.take('kie:status', kieReads)).granted).toBe(true);
    const waits = [];
    for (let index = 0; index < 1000; index++) {
      const grant = await limits.take('kie:status', kieReads);
      waits.push(grant.granted ? 0 : grant.waitMs);
    }
    expect(waits.slice(0, 3)).toEqual([117, 234, 351]);
    expect(waits[999]).toBe(116_960);
  });

  it('keeps each key apart', async () => {
    const limits = new LocalRateLimits(() => 0);
    expect((await limits.take('kie:status', kieReads)).granted).toBe(true);
    expect((await limits.take('kie:submit', { limit: 20, windowMs: 10_000 })).granted).toBe(true);
    expect((await limits.take('kie:status', kieReads)).granted).toBe(false);
  });
});
