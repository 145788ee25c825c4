import type { ErrorCode, ErrorIssue } from '@ads/contract';

const marker = Symbol.for('ads.server.gateway-error');

export interface GatewayErrorOptions {
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[];
  details?: Record<string, unknown>;
  /** Seconds the client should wait before retrying (429/503). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** An error the gateway answers with: a stable code (its HTTP status is the contract's) and a message. */
export class GatewayError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor({ code, message, issues, details, retryAfterSeconds, cause }: GatewayErrorOptions) {
    super(message, { cause });
    this.name = 'GatewayError';
    this.code = code;
    this.issues = issues;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static isInstance(error: unknown): error is GatewayError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}

export const notFound = (what: string) => new GatewayError({ code: 'not_found', message: what });

/** A 429 for a bucket that is empty for `waitMs` more: Retry-After and `retry_after_seconds` say when. */
export function rateLimited(
  message: (seconds: number) => string,
  waitMs: number,
  details: Record<string, unknown> = {},
): GatewayError {
  const seconds = Math.ceil(waitMs / 1000);
  return new GatewayError({
    code: 'rate_limited',
    message: message(seconds),
    details: { ...details, retry_after_seconds: seconds },
    retryAfterSeconds: seconds,
  });
}
