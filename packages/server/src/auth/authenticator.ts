import { parseRateLimit, type SpendPeriod } from '@ads/contract';
import { LRUCache } from 'lru-cache';
import { GatewayError, rateLimited } from '../engine/gateway-error.js';
import { takeKeyRequest } from '../store/key-limit-repository.js';
import type { ApiKeyRow } from '../store/key-repository.js';
import { findKeyByHash, touchApiKey } from '../store/key-repository.js';
import type { Store } from '../store/store.js';
import { hashApiKey, sameSecret } from './api-key.js';
import type { Caller, KeyLimits } from './caller.js';
import type { ConsoleUsers } from './console-users.js';

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
 * Turns an API key (or, without one, a console session cookie) into a Caller. Known keys are
 * remembered for `cacheMs` in a bounded LRU cache (`cacheSize` keys), so a request does not query the
 * store for its key; revoking a key on this instance forgets it at once, and
 * other instances within `cacheMs`.
 */
export class Authenticator {
  private readonly cache: LRUCache<string, { caller: Caller; until: number }>;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly cacheMs = 5000,
    cacheSize = 10_000,
    /** Console sign-in; without it only API keys authenticate. */
    readonly users?: ConsoleUsers,
  ) {
    // The least recently used key goes first; its time to live is checked on the gateway's own clock.
    this.cache = new LRUCache({ max: cacheSize });
  }

  /**
   * The caller of a request. A console session stands in for a key when the request sends none; a
   * session's call that changes something (any method but GET, HEAD, OPTIONS) needs its CSRF token.
   */
  async authenticate(headers: Headers, method: string): Promise<Caller> {
    const apiKey = presentedApiKey(headers);
    if (!apiKey) {
      const session = await this.users?.sessionOf(headers);
      if (session && this.users) {
        this.users.checkCsrf(headers, method, session);
        return this.users.callerOf(session);
      }
      throw unauthorized(
        'Missing API key: send "Authorization: Bearer sk-..." or "X-Api-Key: sk-...". Create one in the console (Settings → API Keys), or an operator creates one with "ads-server keys create".',
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
    if (caller.keyId === null) return;
    const waitMs = await takeKeyRequest(this.store.db, this.store.engine, {
      keyId: caller.keyId,
      count: rate.count,
      windowMs: rate.windowMs,
      now: this.now(),
    });
    if (waitMs === 0) return;
    throw rateLimited(
      (seconds) =>
        `This API key may make ${rate.text} requests and has used them; retry in ${seconds} s. An operator can raise it (ads-server keys update ${caller.keyId} --rate ...).`,
      waitMs,
      { limit: rate.text },
    );
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
    this.cache.set(hash, { caller, until: this.now() + this.cacheMs });
    // "Last used" for the key list: once a minute at most, and never in the request's way.
    touchApiKey(this.store.db, found.key.id, this.now()).catch(() => undefined);
    return caller;
  }

  forget(keyId: string): void {
    for (const [hash, entry] of this.cache.entries())
      if (entry.caller.keyId === keyId) this.cache.delete(hash);
  }

  /**
   * The operator's credential on an admin route: the admin token, or (with no Authorization header)
   * the session of a user with the operator role, with its CSRF token on changes.
   */
  async authenticateOperator(
    headers: Headers,
    method: string,
    adminToken: string | undefined,
  ): Promise<void> {
    if (!headers.authorization && this.users) {
      const session = await this.users.sessionOf(headers);
      if (session) {
        this.users.checkCsrf(headers, method, session);
        if (session.user.role === 'operator') return;
        throw new GatewayError({
          code: 'forbidden',
          message:
            'Only an operator may do this; an operator grants the role with "ads-server users create --operator".',
        });
      }
    }
    checkAdminToken(headers, adminToken);
  }

  /** A signed-in console user (never an API key): the caller of key management. */
  async authenticateSession(headers: Headers, method: string): Promise<Caller> {
    const session = await this.users?.sessionOf(headers);
    if (!session || !this.users) {
      throw unauthorized(
        presentedApiKey(headers)
          ? 'Only a signed-in console user can do this, not an API key: sign in at the gateway’s address, or an operator uses "ads-server keys".'
          : 'Not signed in: POST /v1/session with your email and password (the console’s "Sign in").',
      );
    }
    this.users.checkCsrf(headers, method, session);
    return this.users.callerOf(session);
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
