import { ProviderError, type ProviderErrorCode } from './provider-error.js';

const marker = Symbol.for('ads.provider.upstream-http-error');

export interface UpstreamHttpErrorOptions {
  message: string;
  code: ProviderErrorCode;
  url: string;
  /** The HTTP status, or the status the upstream put in its body (kie answers errors under HTTP 200). */
  statusCode?: number;
  responseBody?: string;
  requestId?: string;
  isRetryable: boolean;
  /** For submits: whether the upstream definitely did not create a job (safe to refund). */
  definitelyNotCreated?: boolean;
  /** Seconds the upstream asked us to wait (Retry-After). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** An upstream answered with an error, or could not be reached. */
export class UpstreamHttpError extends ProviderError {
  readonly [marker] = true;
  readonly url: string;
  readonly statusCode: number | undefined;
  readonly responseBody: string | undefined;
  readonly requestId: string | undefined;
  readonly definitelyNotCreated: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(options: UpstreamHttpErrorOptions) {
    super(options);
    this.name = 'UpstreamHttpError';
    this.url = options.url;
    this.statusCode = options.statusCode;
    this.responseBody = options.responseBody;
    this.requestId = options.requestId;
    this.definitelyNotCreated = options.definitelyNotCreated ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  static override isInstance(error: unknown): error is UpstreamHttpError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
