import { ApiError, type ApiErrorFields } from './api-error.js';
import { AuthenticationError } from './authentication-error.js';
import { BadRequestError } from './bad-request-error.js';
import { ConflictError } from './conflict-error.js';
import { InsufficientCreditsError } from './insufficient-credits-error.js';
import { InternalServerError } from './internal-server-error.js';
import { NotFoundError } from './not-found-error.js';
import { PermissionDeniedError } from './permission-denied-error.js';
import { RateLimitError } from './rate-limit-error.js';

const classByStatus: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: InsufficientCreditsError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: BadRequestError,
  415: BadRequestError,
  422: BadRequestError,
  429: RateLimitError,
};

interface Envelope {
  error?: Partial<Pick<ApiErrorFields, 'code' | 'message' | 'issues' | 'details' | 'requestId'>>;
}

/** The published error class for an error answer, filled from the common error envelope. */
export function errorFromResponse(status: number, body: unknown, headers: Headers): ApiError {
  const envelope = (typeof body === 'object' && body !== null ? (body as Envelope).error : undefined) ?? {};
  const ErrorClass = classByStatus[status] ?? (status >= 500 ? InternalServerError : ApiError);
  return new ErrorClass({
    status,
    code: envelope.code ?? `http_${status}`,
    message:
      envelope.message ??
      `The gateway answered ${status}${typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : ''}`,
    issues: envelope.issues,
    details: envelope.details,
    requestId: envelope.requestId ?? headers.get('x-request-id') ?? undefined,
    headers,
    body,
  });
}
