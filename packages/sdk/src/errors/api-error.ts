import { AdsError } from './ads-error.js';

/** One field problem of a rejected request. */
export interface ApiErrorIssue {
  path: string;
  message: string;
}

export interface ApiErrorFields {
  status: number;
  code: string;
  message: string;
  issues?: ApiErrorIssue[];
  details?: Record<string, unknown>;
  requestId?: string;
  headers: Headers;
  body: unknown;
}

/** The gateway answered with an error status; the fields come from its error envelope. */
export class ApiError extends AdsError {
  static override readonly kind: string = 'ApiError';
  readonly status: number;
  /** The envelope's stable machine code, e.g. `insufficient_credits`. */
  readonly code: string;
  readonly issues: ApiErrorIssue[];
  readonly details: Record<string, unknown>;
  readonly requestId: string | undefined;
  readonly headers: Headers;
  readonly body: unknown;

  constructor(fields: ApiErrorFields) {
    super(fields.message);
    this.status = fields.status;
    this.code = fields.code;
    this.issues = fields.issues ?? [];
    this.details = fields.details ?? {};
    this.requestId = fields.requestId;
    this.headers = fields.headers;
    this.body = fields.body;
  }
}

/** 400, 413, 422: the request is malformed or breaks a scene rule; `issues` names the fields. */
export class BadRequestError extends ApiError {
  static override readonly kind: string = 'BadRequestError';
}

/** 401: the API key or admin token is missing, unknown or revoked. */
export class AuthenticationError extends ApiError {
  static override readonly kind: string = 'AuthenticationError';
}

/** 402: the workspace cannot pay for the task. */
export class InsufficientCreditsError extends ApiError {
  static override readonly kind: string = 'InsufficientCreditsError';
  get balance(): number | undefined {
    return typeof this.details.balance === 'number' ? this.details.balance : undefined;
  }
  get price(): number | undefined {
    return typeof this.details.price === 'number' ? this.details.price : undefined;
  }
}

/** 403: the key may not act on that workspace. */
export class PermissionDeniedError extends ApiError {
  static override readonly kind: string = 'PermissionDeniedError';
}

/** 404: no such task, action, workspace or key within the key's reach. */
export class NotFoundError extends ApiError {
  static override readonly kind: string = 'NotFoundError';
}

/** 409: an idempotency key reused with another body, or a task that has already ended. */
export class ConflictError extends ApiError {
  static override readonly kind: string = 'ConflictError';
}

/** 429: too many requests; `retryAfterMs` says when to come back. */
export class RateLimitError extends ApiError {
  static override readonly kind: string = 'RateLimitError';
}

/** 5xx: the gateway or its upstream failed. */
export class InternalServerError extends ApiError {
  static override readonly kind: string = 'InternalServerError';
}
