import { ProviderError } from './provider-error.js';

const marker = Symbol.for('ads.provider.provider-not-configured-error');

/** The provider has no credentials on this gateway. */
export class ProviderNotConfiguredError extends ProviderError {
  readonly [marker] = true;
  readonly provider: string;

  constructor({ provider, variable }: { provider: string; variable: string }) {
    super({
      code: 'provider_not_configured',
      message: `Provider "${provider}" is not configured on this gateway: set ${variable} on the server, or choose another provider.`,
    });
    this.name = 'ProviderNotConfiguredError';
    this.provider = provider;
  }

  static override isInstance(error: unknown): error is ProviderNotConfiguredError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
