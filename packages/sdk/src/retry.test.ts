import { describe, expect, it } from 'vitest';
import { isRetryableStatus, retryAfterMs, retryDelayMs } from './retry.js';

describe('retry timing', () => {
  it('reads Retry-After in seconds, as a date, and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, unless the server asked for a sane delay', () => {
    expect(retryDelayMs(0, undefined, () => 1)).toBe(500);
    expect(retryDelayMs(2, undefined, () => 0)).toBe(1500);
    expect(retryDelayMs(10, undefined, () => 1)).toBe(8000);
    expect(retryDelayMs(0, new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryDelayMs(0, new Headers({ 'retry-after': '3600' }), () => 1)).toBe(500);
  });

  it('retries only transient statuses', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 402, 403, 404, 409, 413, 501].some(isRetryableStatus)).toBe(false);
  });
});
