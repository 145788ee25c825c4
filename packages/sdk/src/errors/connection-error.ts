import { AdsError } from './ads-error.js';

/** The gateway could not be reached (refused, reset, DNS, TLS). */
export class ConnectionError extends AdsError {
  static override readonly kind: string = 'ConnectionError';
}
