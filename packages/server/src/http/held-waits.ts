import { GatewayError } from '../engine/gateway-error.js';

/**
 * Counts the `generate_and_wait` requests held open on this instance, in all and per API key. A
 * place is taken before the task is created, so a refused request creates nothing and costs nothing.
 */
export class HeldWaits {
  private total = 0;
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly limits: { perInstance: number; perKey: number },
    private readonly onRefused: () => void = () => {},
  ) {}

  /** Takes a place for the key, or throws a 429 naming the limit; call the returned function to give it back. */
  take(keyId: string): () => void {
    const held = this.byKey.get(keyId) ?? 0;
    if (held >= this.limits.perKey) {
      throw this.refusal(
        `This API key already holds ${held} generate_and_wait requests open (the limit per key)`,
      );
    }
    if (this.total >= this.limits.perInstance) {
      throw this.refusal(
        `This gateway already holds ${this.total} generate_and_wait requests open (its limit)`,
      );
    }
    this.total += 1;
    this.byKey.set(keyId, held + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.total -= 1;
      const left = (this.byKey.get(keyId) ?? 1) - 1;
      if (left > 0) this.byKey.set(keyId, left);
      else this.byKey.delete(keyId);
    };
  }

  private refusal(reason: string): GatewayError {
    this.onRefused();
    return new GatewayError({
      code: 'rate_limited',
      message: `${reason}; nothing was created. Retry later, or use ai.video.generate and poll ai.video.query.`,
      retryAfterSeconds: 5,
    });
  }
}
