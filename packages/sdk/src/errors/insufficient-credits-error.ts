import { ApiError } from './api-error.js';

/** 402: the task cannot be paid: the workspace's balance is short (`insufficient_credits`) or the key's spend limit is reached (`spend_limit_exceeded`). */
export class InsufficientCreditsError extends ApiError {
  static override readonly kind: string = 'InsufficientCreditsError';
  get balance(): number | undefined {
    return typeof this.details.balance === 'number' ? this.details.balance : undefined;
  }
  get price(): number | undefined {
    return typeof this.details.price === 'number' ? this.details.price : undefined;
  }
}
