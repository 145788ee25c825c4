import {
  describeIssues,
  type ErrorCode,
  type ErrorIssue,
  errorEnvelope,
  statusForErrorCode,
  toErrorIssues,
} from '@ads/contract';
import { InvalidOptionsError, ProviderError, WebhookVerificationError } from '@ads/provider';
import { RequestValidationError } from '@ts-rest/express';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../engine/gateway-error.js';
import { locals, type RequestLocals } from './request-context.js';

/** Provider error codes that mean "your request", answered as 400s with the same code. */
const requestProviderCodes: Partial<Record<string, ErrorCode>> = {
  invalid_options: 'invalid_options',
  model_not_found: 'model_not_found',
  model_scene_mismatch: 'model_scene_mismatch',
  provider_not_configured: 'provider_not_configured',
};

const storeUnavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  '53300',
  'SQLITE_BUSY',
]);

type ZodLike = { issues: ReadonlyArray<{ path?: PropertyKey[]; message: string }> } | null;

/** Turns ts-rest's request validation error into field issues (query fields prefixed, so the reader knows where). */
export function validationIssues(error: RequestValidationError): ErrorIssue[] {
  const part = (value: unknown, prefix?: string) => toErrorIssues((value as ZodLike)?.issues ?? [], prefix);
  return [
    ...part(error.pathParams),
    ...part(error.headers, 'headers'),
    ...part(error.query),
    ...part(error.body),
  ];
}

/** The one place errors become HTTP answers: the common envelope, the contract's status per code. */
export function toGatewayError(error: unknown): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  if (error instanceof RequestValidationError) {
    const issues = validationIssues(error);
    return new GatewayError({
      code: 'invalid_request',
      message: describeIssues(issues) || 'The request is not valid.',
      issues,
    });
  }
  if (WebhookVerificationError.isInstance(error)) {
    return new GatewayError({ code: 'unauthorized', message: error.message });
  }
  if (ProviderError.isInstance(error)) {
    const code = requestProviderCodes[error.code];
    if (code) {
      return new GatewayError({
        code,
        message: error.message,
        ...(InvalidOptionsError.isInstance(error) ? { issues: [...error.issues] } : {}),
      });
    }
    return new GatewayError({ code: 'upstream_error', message: error.message, cause: error });
  }
  const parser = error as { type?: string; status?: number; code?: string } | null;
  if (parser?.type === 'entity.too.large') {
    return new GatewayError({
      code: 'payload_too_large',
      message: 'The request body is larger than this gateway accepts.',
    });
  }
  if (error instanceof URIError) {
    return new GatewayError({
      code: 'invalid_request',
      message: 'The request path is not valid percent-encoding (a "%" must be followed by two hex digits).',
    });
  }
  // A decompression failure: zlib's Z_* codes, brotli's ERR__* and ERR_BROTLI_* ones.
  if (parser?.code && /^(Z_|ERR__|ERR_BROTLI)/.test(parser.code)) {
    return new GatewayError({
      code: 'invalid_request',
      message:
        'The request body is not what its Content-Encoding says (not valid gzip, deflate or br); send it plain or encode it properly.',
    });
  }
  if (parser?.type === 'entity.parse.failed') {
    return new GatewayError({ code: 'invalid_request', message: 'The request body is not valid JSON.' });
  }
  if (parser?.type && parser.status && parser.status >= 400 && parser.status < 500) {
    return new GatewayError({
      code: 'invalid_request',
      message: `The request body could not be read (${parser.type}).`,
    });
  }
  if (parser?.code && storeUnavailableCodes.has(parser.code)) {
    return new GatewayError({
      code: 'unavailable',
      message: 'The gateway cannot reach its store right now; retry shortly.',
      retryAfterSeconds: 1,
      cause: error,
    });
  }
  return new GatewayError({
    code: 'internal_error',
    message: 'Something went wrong on the gateway.',
    cause: error,
  });
}

/** An error's answer: its status and the common envelope (the server error logged with the request's logger). */
export function errorAnswer(error: GatewayError, scope: Partial<RequestLocals>) {
  const status = statusForErrorCode(error.code);
  if (status >= 500) scope.logger?.error({ err: error.cause ?? error, code: error.code }, error.message);
  return {
    status,
    body: errorEnvelope(error.code, error.message, {
      ...(error.issues?.length ? { issues: error.issues } : {}),
      ...(error.details ? { details: error.details } : {}),
      ...(scope.requestId ? { requestId: scope.requestId } : {}),
    }),
  };
}

export function sendError(response: Response, error: GatewayError): void {
  const answer = errorAnswer(error, locals(response));
  if (error.retryAfterSeconds !== undefined)
    response.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (response.headersSent) {
    response.end();
    return;
  }
  response.status(answer.status).json(answer.body);
}

export function errorHandler(
  error: unknown,
  _request: Request,
  response: Response,
  _next: NextFunction,
): void {
  sendError(response, toGatewayError(error));
}

export function notFoundHandler(request: Request, response: Response): void {
  sendError(
    response,
    new GatewayError({
      code: 'not_found',
      message: `No route ${request.method} ${request.path}. GET /openapi.json lists every route.`,
    }),
  );
}
