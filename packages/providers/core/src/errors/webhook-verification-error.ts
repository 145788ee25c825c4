import { ProviderError } from './provider-error.js';

const marker = Symbol.for('ads.provider.webhook-verification-error');

/** A webhook whose signature, timestamp or shape could not be verified. */
export class WebhookVerificationError extends ProviderError {
  readonly [marker] = true;

  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ code: 'webhook_unverified', message, cause });
    this.name = 'WebhookVerificationError';
  }

  static override isInstance(error: unknown): error is WebhookVerificationError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
