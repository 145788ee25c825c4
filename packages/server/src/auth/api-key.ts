import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomToken(length: number): string {
  const bytes = randomBytes(length * 2);
  let token = '';
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte < 248) token += alphabet[byte % alphabet.length];
    if (token.length === length) return token;
  }
  return token + randomToken(length - token.length);
}

/** A new API key: `sk-` and 40 random characters (about 238 bits). */
export function generateApiKey(): string {
  return `sk-${randomToken(40)}`;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/** What the key list shows so a person can tell keys apart. */
export function keyPrefix(apiKey: string): string {
  return apiKey.slice(0, 10);
}

/** Compares two secrets (or their hashes) in time that does not depend on where they differ. */
export function sameSecret(left: string, right: string): boolean {
  const leftHash = createHash('sha256').update(left).digest();
  const rightHash = createHash('sha256').update(right).digest();
  return timingSafeEqual(leftHash, rightHash);
}
