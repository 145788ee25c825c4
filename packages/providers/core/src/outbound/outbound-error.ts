import { ProviderError } from '../errors/provider-error.js';

const marker = Symbol.for('ads.provider.outbound-error');

export type OutboundRefusal =
  | 'scheme'
  | 'url_too_long'
  | 'private_address'
  | 'too_many_redirects'
  | 'too_large'
  | 'timeout'
  | 'http_status'
  | 'unreachable';

/** A client-given URL the gateway would not fetch, or whose answer it would not read. */
export class OutboundFetchError extends ProviderError {
  readonly [marker] = true;
  readonly refusal: OutboundRefusal;

  constructor({ refusal, message, cause }: { refusal: OutboundRefusal; message: string; cause?: unknown }) {
    super({ code: 'upstream_rejected', message, cause });
    this.name = 'OutboundFetchError';
    this.refusal = refusal;
  }

  static override isInstance(error: unknown): error is OutboundFetchError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
