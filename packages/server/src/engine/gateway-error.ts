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
