import { ApiError } from './api-error.js';

/** 402: the workspace cannot pay for the task. */
export class InsufficientCreditsError extends ApiError {
  static override readonly kind: string = 'InsufficientCreditsError';
  get balance(): number | undefined {
    return typeof this.details.balance === 'number' ? this.details.balance : undefined;
  }
  get price(): number | undefined {
    return typeof this.details.price === 'number' ? this.details.price : undefined;
  }
}
