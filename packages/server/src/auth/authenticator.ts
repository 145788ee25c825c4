import { parseRateLimit, type SpendPeriod } from '@ads/contract';
import { GatewayError } from '../engine/gateway-error.js';
import { takeKeyRequest } from '../store/key-limit-repository.js';
import type { ApiKeyRow } from '../store/key-repository.js';
import { findKeyByHash } from '../store/key-repository.js';
import type { Store } from '../store/store.js';
import { hashApiKey, sameSecret } from './api-key.js';
import type { Caller, KeyLimits } from './caller.js';

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The API key of a request: `Authorization: Bearer sk-...` or `X-Api-Key: sk-...`. */
export function presentedApiKey(headers: Headers): string | undefined {
  const bearer = header(headers, 'authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? header(headers, 'x-api-key')?.trim() ?? undefined;
}

const unauthorized = (message: string) => new GatewayError({ code: 'unauthorized', message });

/** The limits written on a key's row. */
export function keyLimitsOf(row: ApiKeyRow): KeyLimits {
  const rate = row.rate_limit ? parseRateLimit(row.rate_limit) : undefined;
  return {
    ...(row.spend_limit !== null && row.spend_period
      ? { spend: { limit: Number(row.spend_limit), period: row.spend_period as SpendPeriod } }
      : {}),
    ...(rate && row.rate_limit ? { rate: { ...rate, text: row.rate_limit } } : {}),
  };
}

/**
 * Turns an API key into a Caller. Known keys are remembered for `cacheMs` so the hot read path
 * does not query the store per request; revoking a key on this instance forgets it at once, and
 * other instances within `cacheMs`.
 */
export class Authenticator {
  private readonly cache = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly cacheMs = 5000,
    private readonly cacheSize = 10_000,
  ) {}

  async authenticate(headers: Headers): Promise<Caller> {
    const apiKey = presentedApiKey(headers);
    if (!apiKey) {
      throw unauthorized(
        'Missing API key: send "Authorization: Bearer sk-..." or "X-Api-Key: sk-...". An operator creates keys with "ads-server keys create".',
      );
    }
    const caller = await this.callerFor(apiKey);
    if (caller.limits.rate) await this.takeRequest(caller, caller.limits.rate);
    return caller;
  }

  /**
   * One request of the key's rate limit, shared by every instance on the store; a refused request
   * answers 429 with Retry-After and takes nothing.
   */
  private async takeRequest(caller: Caller, rate: NonNullable<KeyLimits['rate']>): Promise<void> {
    const waitMs = await takeKeyRequest(this.store.db, this.store.engine, {
      keyId: caller.keyId,
      count: rate.count,
      windowMs: rate.windowMs,
      now: this.now(),
    });
    if (waitMs === 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new GatewayError({
      code: 'rate_limited',
      message: `This API key may make ${rate.text} requests and has used them; retry in ${seconds} s. An operator can raise it (ads-server keys update ${caller.keyId} --rate ...).`,
      details: { limit: rate.text, retry_after_seconds: seconds },
      retryAfterSeconds: seconds,
    });
  }

  private async callerFor(apiKey: string): Promise<Caller> {
    const hash = hashApiKey(apiKey);
    const cached = this.cache.get(hash);
    if (cached && cached.until > this.now()) return cached.caller;
    const found = await findKeyByHash(this.store.db, hash);
    if (!found || !sameSecret(found.key.hash, hash)) throw unauthorized('Unknown API key.');
    if (found.key.revoked_at !== null)
      throw unauthorized('This API key was revoked; ask an operator for a new one.');
    const caller: Caller = {
      keyId: found.key.id,
      keyName: found.key.name,
      keyPrefix: found.key.prefix,
      keyCreatedAt: Number(found.key.created_at),
      limits: keyLimitsOf(found.key),
      workspace: found.workspace,
    };
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(hash, { caller, until: this.now() + this.cacheMs });
    return caller;
  }

  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.caller.keyId === keyId) this.cache.delete(hash);
  }
}

/** Checks the admin token (`Authorization: Bearer <ADS_ADMIN_TOKEN>`). */
export function checkAdminToken(headers: Headers, adminToken: string | undefined): void {
  if (!adminToken) {
    throw new GatewayError({
      code: 'forbidden',
      message: 'The admin API is off on this gateway: set ADS_ADMIN_TOKEN on the server to enable it.',
    });
  }
  const presented = presentedApiKey(headers);
  if (!presented || !sameSecret(presented, adminToken)) {
    throw unauthorized('Admin routes need "Authorization: Bearer <ADS_ADMIN_TOKEN>".');
  }
}
