const marker = Symbol.for('ads.provider.error');

/** Machine-readable kinds of provider errors. */
export type ProviderErrorCode =
  | 'invalid_options'
  | 'model_not_found'
  | 'model_scene_mismatch'
  | 'provider_not_configured'
  | 'upstream_rejected'
  | 'upstream_unavailable'
  | 'upstream_auth'
  | 'upstream_insufficient_credits'
  | 'upstream_rate_limited'
  | 'upstream_bad_response'
  | 'webhook_unverified';

export interface ProviderErrorOptions {
  message: string;
  code: ProviderErrorCode;
  isRetryable?: boolean;
  cause?: unknown;
}

/** The root of every error a provider throws. */
export class ProviderError extends Error {
  readonly [marker] = true;
  readonly code: ProviderErrorCode;
  readonly isRetryable: boolean;

  constructor({ message, code, isRetryable = false, cause }: ProviderErrorOptions) {
    super(message, { cause });
    this.name = 'ProviderError';
    this.code = code;
    this.isRetryable = isRetryable;
  }

  static isInstance(error: unknown): error is ProviderError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
