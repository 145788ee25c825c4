import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limiter.js';

describe('the token bucket', () => {
  it('grants a burst of perSecond, then reserves the next token and says when it is due', () => {
    let now = 0;
    const bucket = new TokenBucket(10, () => now);
    for (let index = 0; index < 10; index++) expect(bucket.take().granted).toBe(true);
    expect(bucket.take()).toEqual({ granted: false, waitMs: 100 });
    now = 100;
    // The token that came at 100 ms was reserved by the take above.
    expect(bucket.take()).toEqual({ granted: false, waitMs: 100 });
    now = 300;
    expect(bucket.take().granted).toBe(true);
  });

  it('gives a backlog one turn each, in order, over exactly the time it needs', () => {
    const bucket = new TokenBucket(10, () => 0);
    for (let index = 0; index < 10; index++) bucket.take();
    const waits = Array.from({ length: 1000 }, () => {
      const answer = bucket.take();
      return answer.granted ? 0 : answer.waitMs;
    });
    expect(waits.slice(0, 3)).toEqual([100, 200, 300]);
    expect(waits[999]).toBe(100_000);
  });

  it('is whole again once the backlog is served', () => {
    let now = 0;
    const bucket = new TokenBucket(10, () => now);
    for (let index = 0; index < 110; index++) bucket.take();
    now = 60_000;
    for (let index = 0; index < 10; index++) expect(bucket.take().granted).toBe(true);
    expect(bucket.take()).toEqual({ granted: false, waitMs: 100 });
  });
});
