import { AdsError } from './ads-error.js';

/** A downloaded file is not the one the gateway stored: its SHA-256 differs. Nothing was kept. */
export class IntegrityError extends AdsError {
  static override readonly kind: string = 'IntegrityError';
}
