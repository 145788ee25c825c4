import { ConnectionError } from './connection-error.js';

/** The gateway did not answer within the request's `timeoutMs`. */
export class ConnectionTimeoutError extends ConnectionError {
  static override readonly kind: string = 'ConnectionTimeoutError';
}
