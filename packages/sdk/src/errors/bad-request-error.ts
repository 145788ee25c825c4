import { ApiError } from './api-error.js';

/** 400, 413, 422: the request is malformed or breaks a scene rule; `issues` names the fields. */
export class BadRequestError extends ApiError {
  static override readonly kind: string = 'BadRequestError';
}
