import { ApiError } from './api-error.js';

/** 409: an idempotency key reused with another body, or a task that has already ended. */
export class ConflictError extends ApiError {
  static override readonly kind: string = 'ConflictError';
}
