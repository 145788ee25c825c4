import { ApiError } from './api-error.js';

/** 401: the API key or admin token is missing, unknown or revoked. */
export class AuthenticationError extends ApiError {
  static override readonly kind: string = 'AuthenticationError';
}
