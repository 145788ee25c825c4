import { AdsError } from './ads-error.js';

/** The caller's AbortSignal fired. A task created before that keeps running: see `taskId`. */
export class UserAbortError extends AdsError {
  static override readonly kind: string = 'UserAbortError';
}
