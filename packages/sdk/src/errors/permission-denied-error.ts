import { ApiError } from './api-error.js';

/** 403: the key may not act on that workspace. */
export class PermissionDeniedError extends ApiError {
  static override readonly kind: string = 'PermissionDeniedError';
}
