import { ApiError } from '@ads/sdk';
import { APICallError } from '@ai-sdk/provider';

/**
 * An SDK error as the AI SDK's `APICallError`: the gateway's status, message and envelope (its
 * `code` is in `data`). Rate limits and server errors are retryable, so `maxRetries` applies.
 */
export function toApiCallError(error: unknown, url: string, requestBodyValues: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new APICallError({
    message: error.message,
    url,
    requestBodyValues,
    statusCode: error.status,
    responseHeaders: Object.fromEntries(error.headers.entries()),
    responseBody: typeof error.body === 'string' ? error.body : JSON.stringify(error.body),
    isRetryable: error.status === 429 || error.status >= 500,
    data: { code: error.code, issues: error.issues, details: error.details, requestId: error.requestId },
    cause: error,
  });
}
