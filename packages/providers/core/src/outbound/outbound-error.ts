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
  /** The HTTP status that was answered, for an `http_status` refusal. */
  readonly status: number | undefined;

  constructor({
    refusal,
    message,
    cause,
    status,
  }: { refusal: OutboundRefusal; message: string; cause?: unknown; status?: number }) {
    super({ code: 'upstream_rejected', message, cause });
    this.name = 'OutboundFetchError';
    this.refusal = refusal;
    this.status = status;
  }

  static override isInstance(error: unknown): error is OutboundFetchError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
