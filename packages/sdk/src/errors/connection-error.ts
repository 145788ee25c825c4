import { AdsError } from './ads-error.js';

/** The gateway could not be reached (refused, reset, DNS, TLS). */
export class ConnectionError extends AdsError {
  static override readonly kind: string = 'ConnectionError';
}

/** The gateway did not answer within the request's `timeoutMs`. */
export class ConnectionTimeoutError extends ConnectionError {
  static override readonly kind: string = 'ConnectionTimeoutError';
}
