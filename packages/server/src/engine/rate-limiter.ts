/** A token bucket: at most `perSecond` takes per second on average, bursts up to `perSecond`. */
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

  /** Takes a token if one is there; otherwise says how long until one is. */
  take(): { granted: true } | { granted: false; waitMs: number } {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { granted: true };
    }
    return { granted: false, waitMs: Math.ceil(((1 - this.tokens) / this.perSecond) * 1000) };
  }
}
