import { UpstreamHttpError } from './upstream-http-error.js';

/** A stored operation that this provider did not write (or that was damaged): nothing to ask upstream. */
export function invalidOperationError(provider: string): UpstreamHttpError {
  return new UpstreamHttpError({
    code: 'upstream_bad_response',
    message: `not a ${provider} operation`,
    url: `${provider}:`,
    isRetryable: false,
  });
}
