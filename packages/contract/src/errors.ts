import { z } from 'zod';

/**
 * Every error the API answers with, by stable machine code. The HTTP status of each code is set
 * here once; the server maps codes to statuses with this table and the SDK maps them back.
 */
export const errorCodeTable = {
  invalid_request: { status: 400, description: 'The request is malformed or breaks a scene rule.' },
  model_not_found: { status: 400, description: 'The model is not in the catalog.' },
  model_scene_mismatch: { status: 400, description: 'The model does not serve the requested scene.' },
  invalid_options: { status: 400, description: 'The options are not accepted by the model.' },
  provider_not_configured: {
    status: 400,
    description: 'The provider has no credentials configured on this gateway.',
  },
  unauthorized: { status: 401, description: 'The API key or admin token is missing, unknown or revoked.' },
  insufficient_credits: { status: 402, description: 'The workspace balance is lower than the price.' },
  spend_limit_exceeded: {
    status: 402,
    description:
      'The price would take the API key past its spend limit for the period; details say when it resets.',
  },
  forbidden: { status: 403, description: 'The key may not act on this workspace.' },
  link_expired: {
    status: 403,
    description: 'The signed video link expired or is not valid; read the task again for a fresh link.',
  },
  not_found: { status: 404, description: 'No such task, action, workspace or key in your reach.' },
  idempotency_conflict: {
    status: 409,
    description: 'The Idempotency-Key was already used with a different request body.',
  },
  task_not_cancelable: { status: 409, description: 'The task has already ended.' },
  task_not_finished: {
    status: 409,
    description: 'The task has not ended yet, so it has no files to act on.',
  },
  task_not_reconcilable: {
    status: 409,
    description: 'The task is not an unconfirmed submit awaiting reconciliation, or was reconciled already.',
  },
  model_deprecated: {
    status: 400,
    description:
      'The model was withdrawn by its provider; the message names its replacement when there is one.',
  },
  range_not_satisfiable: {
    status: 416,
    description: 'The Range asked for lies outside the file; Content-Range says its size.',
  },
  payload_too_large: { status: 413, description: 'The request body is larger than the server accepts.' },
  unsupported_media_type: {
    status: 415,
    description:
      'An uploaded file is none of the accepted types (PNG, JPEG, WebP, MP4, MOV, WebM), judged by its bytes.',
  },
  rate_limited: { status: 429, description: 'Too many requests; retry after the Retry-After delay.' },
  internal_error: { status: 500, description: 'An unexpected error on the gateway.' },
  upstream_error: { status: 502, description: 'The upstream provider failed to answer.' },
  unavailable: { status: 503, description: 'The gateway is starting, stopping or cannot reach its store.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCodeTable;
export const errorCodes = Object.keys(errorCodeTable) as [ErrorCode, ...ErrorCode[]];

export function statusForErrorCode(code: ErrorCode): number {
  return errorCodeTable[code].status;
}

export const errorIssueSchema = z.object({
  path: z.string().describe('Dotted path of the offending field, e.g. `options.duration`.'),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).describe('Stable machine-readable code.'),
      message: z.string().describe('What went wrong and what to do next.'),
      issues: z.array(errorIssueSchema).optional().describe('Field-level problems of a rejected request.'),
      details: z.record(z.string(), z.unknown()).optional().describe('Extra facts, e.g. balance and price.'),
      requestId: z.string().optional().describe('The request id, also sent as the X-Request-Id header.'),
    }),
  })
  .describe('The error envelope shared by every route.');
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export function errorEnvelope(
  code: ErrorCode,
  message: string,
  extra: Omit<ErrorEnvelope['error'], 'code' | 'message'> = {},
): ErrorEnvelope {
  return { error: { code, message, ...extra } };
}

/** The statuses every route may answer with the envelope. */
export const commonErrorResponses = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  402: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
  413: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
  500: errorEnvelopeSchema,
  502: errorEnvelopeSchema,
  503: errorEnvelopeSchema,
} as const;

interface IssueLike {
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  readonly message: string;
}

/** Turns validation issues (zod or any Standard Schema) into the envelope's field issues. */
/** Field problems one error answer lists; a request with more is told how many were left out. */
export const maxListedIssues = 20;
/** The longest issue message kept (zod names every unknown key in one message). */
const maxIssueMessage = 500;

const clip = (text: string) => (text.length > maxIssueMessage ? `${text.slice(0, maxIssueMessage)}…` : text);

export function toErrorIssues(issues: ReadonlyArray<IssueLike>, prefix?: string): ErrorIssue[] {
  return issues.slice(0, maxListedIssues).map((issue) => {
    const segments = (issue.path ?? []).map((segment) =>
      typeof segment === 'object' && segment !== null ? segment.key : segment,
    );
    const path = [prefix, ...segments.map(String)]
      .filter((part) => part !== undefined && part !== '')
      .join('.');
    return { path: clip(path), message: clip(issue.message) };
  });
}

/** One sentence naming each field problem (the first `maxListedIssues`), for the envelope's message. */
export function describeIssues(issues: ReadonlyArray<ErrorIssue>): string {
  const listed = issues
    .slice(0, maxListedIssues)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  const more = issues.length - maxListedIssues;
  return more > 0 ? `${listed}; and ${more} more not listed` : listed;
}
