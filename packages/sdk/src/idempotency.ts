/** A fresh idempotency key: minted once per create, reused by every retry of that create. */
export function mintIdempotencyKey(): string {
  return `ads-sdk-${globalThis.crypto.randomUUID()}`;
}
