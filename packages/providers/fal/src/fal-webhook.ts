import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  type HttpClient,
  type WebhookEvent,
  type WebhookRequest,
  WebhookVerificationError,
} from '@ads/provider';
import { falFailure, falOutputStatus } from './fal-result.js';

export const falWebhookToleranceSeconds = 300;

interface JsonWebKey {
  kty?: string;
  crv?: string;
  x?: string;
}

/**
 * fal's webhook signing keys (JWKS), cached for at most a day. A signature that no cached key
 * verifies triggers one refetch (fal rotates keys), no more often than every five minutes.
 */
export class FalJwksCache {
  private keys: JsonWebKey[] = [];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  /** The last fetch tried, answered or not: forged webhooks cannot make the gateway fetch more often. */
  private triedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly http: HttpClient,
    private readonly url: () => string,
    private readonly now: () => number,
    private readonly maxAgeMs = 23 * 3_600_000,
    private readonly refetchAfterMs = 5 * 60_000,
  ) {}

  /** The fetch under way: webhooks arriving together share it. */
  private fetching: Promise<JsonWebKey[]> | undefined;

  async current(forceRefresh = false): Promise<JsonWebKey[]> {
    const age = this.now() - this.fetchedAt;
    if (age < this.maxAgeMs && !(forceRefresh && age > this.refetchAfterMs)) return this.keys;
    if (this.fetching) return this.fetching;
    if (this.now() - this.triedAt < this.refetchAfterMs) {
      if (this.keys.length > 0) return this.keys;
      throw new WebhookVerificationError({
        message: 'fal’s signing keys could not be fetched lately; retry later',
      });
    }
    this.triedAt = this.now();
    this.fetching = this.fetchKeys().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private async fetchKeys(): Promise<JsonWebKey[]> {
    const response = await this.http.send({ method: 'GET', url: this.url() }).catch((cause: unknown) => {
      throw new WebhookVerificationError({ message: 'fal’s signing keys could not be fetched', cause });
    });
    if (response.status !== 200)
      throw new WebhookVerificationError({ message: `fal JWKS answered ${response.status}` });
    const keys = (response.json as { keys?: JsonWebKey[] } | undefined)?.keys ?? [];
    this.keys = keys.filter((key) => key.kty === 'OKP' && key.crv === 'Ed25519' && typeof key.x === 'string');
    this.fetchedAt = this.now();
    return this.keys;
  }
}

function header(request: WebhookRequest, name: string): string {
  const value = request.headers[name];
  if (!value) throw new WebhookVerificationError({ message: `fal webhook without ${name}` });
  return value;
}

function verifiedBy(keys: JsonWebKey[], message: Buffer, signature: Buffer): boolean {
  return keys.some((key) => {
    try {
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
      return verify(null, message, publicKey, signature);
    } catch {
      return false;
    }
  });
}

interface FalWebhookBody {
  request_id?: string;
  status?: string;
  error?: string | null;
  payload?: unknown;
  payload_error?: string;
}

/**
 * Verifies a fal webhook (ED25519 over request id, user id, timestamp and the body's SHA-256, as
 * fal documents) and reads its outcome. A body without a payload carries no status: poll instead.
 */
export async function parseFalWebhook(
  request: WebhookRequest,
  jwks: FalJwksCache,
  nowSeconds: number,
): Promise<WebhookEvent> {
  const requestId = header(request, 'x-fal-webhook-request-id');
  const userId = header(request, 'x-fal-webhook-user-id');
  const timestamp = header(request, 'x-fal-webhook-timestamp');
  const signatureHex = header(request, 'x-fal-webhook-signature');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > falWebhookToleranceSeconds) {
    throw new WebhookVerificationError({ message: 'fal webhook timestamp is outside the allowed window' });
  }
  if (!/^([0-9a-f]{2})+$/i.test(signatureHex))
    throw new WebhookVerificationError({ message: 'fal webhook signature is not hex' });
  const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
  const message = Buffer.from([requestId, userId, timestamp, bodyHash].join('\n'), 'utf8');
  const signature = Buffer.from(signatureHex, 'hex');
  const valid =
    verifiedBy(await jwks.current(), message, signature) ||
    verifiedBy(await jwks.current(true), message, signature);
  if (!valid)
    throw new WebhookVerificationError({
      message: 'fal webhook signature does not verify against fal’s keys',
    });

  let body: FalWebhookBody;
  try {
    body = JSON.parse(Buffer.from(request.rawBody).toString('utf8'));
  } catch (cause) {
    throw new WebhookVerificationError({ message: 'fal webhook body is not JSON', cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new WebhookVerificationError({ message: 'fal webhook body is not a JSON object' });
  const upstreamId = body.request_id ?? requestId;
  if (body.status === 'ERROR') {
    const statusCode = Number(/\b(\d{3})\b/.exec(body.error ?? '')?.[1]) || undefined;
    return {
      upstreamId,
      verified: true,
      status: falFailure(statusCode, body.payload, body.error ?? undefined),
    };
  }
  if (body.status === 'OK' && body.payload)
    return { upstreamId, verified: true, status: falOutputStatus(body.payload) };
  return { upstreamId, verified: true };
}
