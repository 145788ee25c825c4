import type { WindowLimit } from '@ads/provider';
import { takeSharedToken } from '../store/rate-limit-repository.js';
import type { Store } from '../store/store.js';

/** A take from a rate limit: granted now, or a turn reserved `waitMs` from now. */
export type Grant = { granted: true } | { granted: false; waitMs: number };

/**
 * A token bucket that never lets more than `limit` calls into any window of `windowMs`. A bucket of
 * capacity C refilling r per window admits at most C + r in any window, so it holds a tenth of the
 * limit (at least one token) and refills the rest: kie's 20 creates per 10 s are 2 at once and 1.8 a
 * second; 10 reads a second are 1 at once and 9 a second. (A bucket as deep as the limit would admit
 * twice the limit across a window's edge, and upstreams answer 429 to what they will not queue.)
 */
export interface BucketShape {
  capacity: number;
  perMs: number;
}

/** Calls granted a window apart do not arrive a window apart: the refill leaves 5% for the network's jitter. */
const jitterMargin = 0.95;

export function bucketShape(limit: WindowLimit): BucketShape {
  const capacity = Math.max(1, Math.floor(limit.limit / 10));
  return { capacity, perMs: (Math.max(limit.limit - capacity, 1) / limit.windowMs) * jitterMargin };
}

/** The answer for a bucket left with `tokens` after a take: in debt means wait for that token. */
export function grantFor(tokens: number, shape: BucketShape): Grant {
  return tokens >= 0 ? { granted: true } : { granted: false, waitMs: Math.ceil(-tokens / shape.perMs) };
}

/**
 * One take: refill for the time passed, take one token. A take that finds no token still takes one,
 * from the future: the bucket goes into debt and says how long until that token exists. So callers
 * turned away are served in the order they came, each at its own turn, and a backlog of thousands is
 * spread over exactly the time it needs at this rate.
 */
export function takeToken(
  shape: BucketShape,
  bucket: { tokens: number; updatedAt: number },
  now: number,
): { tokens: number; updatedAt: number } {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  return {
    tokens: Math.min(shape.capacity, bucket.tokens + elapsed * shape.perMs) - 1,
    updatedAt: Math.max(bucket.updatedAt, now),
  };
}

/**
 * The upstream limits, per provider and call. A caller turned away gets the wait until the token it
 * reserved; the task keeps that turn in the store (see deferToRateTurn), so whoever claims it then
 * calls without taking another token, on any instance.
 */
export abstract class RateLimits {
  constructor(protected readonly now: () => number) {}

  protected abstract takeTokens(key: string, shape: BucketShape): Promise<number>;

  async take(key: string, limit: WindowLimit): Promise<Grant> {
    const shape = bucketShape(limit);
    return grantFor(await this.takeTokens(key, shape), shape);
  }
}

/** Buckets in this process's memory (SQLite: one instance per upstream account). */
export class LocalRateLimits extends RateLimits {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  protected async takeTokens(key: string, shape: BucketShape): Promise<number> {
    const now = this.now();
    const next = takeToken(shape, this.buckets.get(key) ?? { tokens: shape.capacity, updatedAt: now }, now);
    this.buckets.set(key, next);
    return next.tokens;
  }
}

/** Buckets in the store, one row per key: every instance on one PostgreSQL shares each limit. */
export class SharedRateLimits extends RateLimits {
  constructor(
    private readonly store: Store,
    now: () => number,
  ) {
    super(now);
  }

  protected takeTokens(key: string, shape: BucketShape): Promise<number> {
    return takeSharedToken(this.store.db, key, { ...shape, now: this.now() });
  }
}

/** On PostgreSQL several instances may share the upstream account, so the limits live in the store. */
export function rateLimitsFor(store: Store, now: () => number): RateLimits {
  return store.engine === 'postgres' ? new SharedRateLimits(store, now) : new LocalRateLimits(now);
}
