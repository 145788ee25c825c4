import { ApiError } from './api-error.js';

/** 5xx: the gateway or its upstream failed. */
export class InternalServerError extends ApiError {
  static override readonly kind: string = 'InternalServerError';
}
