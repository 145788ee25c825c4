import { type HttpResponse, type ProviderErrorCode, parseRetryAfter, UpstreamHttpError } from '@ads/provider';

interface FalValidationDetail {
  loc?: Array<string | number>;
  msg?: string;
  type?: string;
}

/**
 * fal's error text: a 422 `detail` array becomes one line per field (`prompt: field required`),
 * a string `detail` is used as is.
 */
export function falErrorDetail(body: unknown, fallback: string): string {
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return (detail as FalValidationDetail[])
      .map((item) => {
        const path = (item.loc ?? []).filter((segment) => segment !== 'body').join('.');
        return `${path ? `${path}: ` : ''}${item.msg ?? item.type ?? 'invalid'}`;
      })
      .join('; ');
  }
  const message = (body as { message?: unknown; error?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : fallback;
}

export function falErrorType(response: HttpResponse): string | undefined {
  const fromBody = (response.json as { error_type?: unknown } | undefined)?.error_type;
  return response.headers['x-fal-error-type'] ?? (typeof fromBody === 'string' ? fromBody : undefined);
}

function codeFor(status: number): { code: ProviderErrorCode; retryable: boolean } {
  if (status === 401 || status === 403) return { code: 'upstream_auth', retryable: false };
  if (status === 402) return { code: 'upstream_insufficient_credits', retryable: false };
  if (status === 429) return { code: 'upstream_rate_limited', retryable: true };
  if (status >= 500) return { code: 'upstream_unavailable', retryable: true };
  return { code: 'upstream_rejected', retryable: false };
}

/**
 * An error answer from fal's queue. A 4xx on submit means fal refused the request (no job, no
 * bill); a 5xx or a dropped connection on submit is ambiguous, because fal may have queued it.
 */
export function falError(url: string, response: HttpResponse): UpstreamHttpError {
  const { code, retryable } = codeFor(response.status);
  const errorType = falErrorType(response);
  const detail = falErrorDetail(response.json, response.text.slice(0, 200) || `HTTP ${response.status}`);
  const retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
  return new UpstreamHttpError({
    code,
    message: `fal answered ${response.status}${errorType ? ` (${errorType})` : ''}: ${detail}`,
    url,
    statusCode: response.status,
    responseBody: response.text.slice(0, 2000),
    ...(response.headers['x-fal-request-id'] ? { requestId: response.headers['x-fal-request-id'] } : {}),
    isRetryable: retryable,
    definitelyNotCreated: response.status < 500,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

/**
 * A result read of a COMPLETED request that fal did not answer with the model's output or the
 * model's error: the job finished (and is billed), the read failed. Always retryable; the engine
 * reads again with backoff until the model's deadline and alerts when the failures persist.
 */
export function falResultReadError(url: string, response: HttpResponse): UpstreamHttpError {
  const error = falError(url, response);
  return new UpstreamHttpError({
    code: error.code,
    message: `reading the result of a completed fal request failed: ${error.message}`,
    url,
    statusCode: response.status,
    responseBody: error.responseBody,
    ...(error.requestId ? { requestId: error.requestId } : {}),
    isRetryable: true,
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  });
}
