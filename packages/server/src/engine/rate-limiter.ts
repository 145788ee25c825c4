/**
 * A token bucket: at most `perSecond` takes per second on average, bursts up to `perSecond`.
 * A take that finds no token still takes one, from the future: the bucket goes into debt and says
 * how long until that token exists. So callers turned away are served in the order they came, each
 * at its own turn, and a backlog of thousands is spread over exactly the time it needs at this rate.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = perSecond;
    this.updatedAt = now();
  }

  /** Takes a token now, or reserves the next free one and says how long until it is due. */
  take(): { granted: true } | { granted: false; waitMs: number } {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return { granted: true };
    return { granted: false, waitMs: Math.ceil((-this.tokens / this.perSecond) * 1000) };
  }
}
