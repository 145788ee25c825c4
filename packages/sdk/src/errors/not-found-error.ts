import { ApiError } from './api-error.js';

/** 404: no such task, action, workspace or key within the key's reach. */
export class NotFoundError extends ApiError {
  static override readonly kind: string = 'NotFoundError';
}
