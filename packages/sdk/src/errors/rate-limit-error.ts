import { ApiError } from './api-error.js';

/** 429: too many requests; `retryAfterMs` says when to come back. */
export class RateLimitError extends ApiError {
  static override readonly kind: string = 'RateLimitError';
}
