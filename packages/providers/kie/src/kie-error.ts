import { type HttpResponse, type ProviderErrorCode, parseRetryAfter, UpstreamHttpError } from '@ads/provider';

/** kie's envelope: errors often arrive under HTTP 200 with the real code in the body. */
export interface KieEnvelope {
  code?: number;
  msg?: string;
  message?: string;
  data?: unknown;
}

/**
 * What a create answer means for the job (ADR 0002 holds the table with kie's wording):
 * `refused` — kie turned it down, no job exists and nothing is billed;
 * `unknown` — kie may have created (and will bill) a job, so the gateway must not submit again.
 */
type CreateVerdict = 'refused' | 'unknown';

interface CodeMeaning {
  code: ProviderErrorCode;
  retryable: boolean;
  /** What the code says when it answers a create. */
  create: CreateVerdict;
}

/**
 * kie's code table (docs.kie.ai "Error codes"). 455 is maintenance and 433 a sub-key cap; 429 is
 * documented as "will not enter the queue". 500 is "Server Error - an unexpected error occurred
 * while processing the request": kie does not say nothing was created, so a create answered 500 is
 * unknown.
 */
const meanings: Record<number, CodeMeaning> = {
  400: { code: 'upstream_rejected', retryable: false, create: 'refused' },
  401: { code: 'upstream_auth', retryable: false, create: 'refused' },
  402: { code: 'upstream_insufficient_credits', retryable: false, create: 'refused' },
  403: { code: 'upstream_auth', retryable: false, create: 'refused' },
  404: { code: 'upstream_rejected', retryable: false, create: 'refused' },
  422: { code: 'upstream_rejected', retryable: false, create: 'refused' },
  429: { code: 'upstream_rate_limited', retryable: true, create: 'refused' },
  433: { code: 'upstream_rate_limited', retryable: true, create: 'refused' },
  451: { code: 'upstream_rejected', retryable: false, create: 'refused' },
  455: { code: 'upstream_unavailable', retryable: true, create: 'refused' },
  500: { code: 'upstream_unavailable', retryable: true, create: 'unknown' },
  501: { code: 'upstream_rejected', retryable: false, create: 'refused' },
  505: { code: 'upstream_rejected', retryable: false, create: 'refused' },
};

/**
 * A code kie does not document. An HTTP 4xx without kie's envelope never reached kie's task
 * service (Cloudflare's 403 "error code: 1010" is one): refused. Anything else is unknown.
 */
function meaningOf(code: number, hasEnvelope: boolean): CodeMeaning {
  const known = meanings[code];
  if (known) return known;
  if (code >= 500) return { code: 'upstream_unavailable', retryable: true, create: 'unknown' };
  if (code >= 400 && !hasEnvelope) return { code: 'upstream_rejected', retryable: false, create: 'refused' };
  return { code: 'upstream_bad_response', retryable: true, create: 'unknown' };
}

export function envelopeMessage(envelope: KieEnvelope | undefined): string {
  return envelope?.msg ?? envelope?.message ?? '';
}

/** The effective error code of an answer: the body's `code` when present, else the HTTP status. */
export function effectiveCode(httpStatus: number, envelope: KieEnvelope | undefined): number {
  return typeof envelope?.code === 'number' ? envelope.code : httpStatus;
}

/** An answer that carries kie's envelope (a JSON object with a numeric `code`). */
export function hasEnvelope(envelope: KieEnvelope | undefined): boolean {
  return typeof envelope?.code === 'number';
}

/** The error an answer carries; `definitelyNotCreated` reads the create table above. */
export function kieError(url: string, response: HttpResponse): UpstreamHttpError {
  const envelope = response.json as KieEnvelope | undefined;
  const status = effectiveCode(response.status, envelope);
  const meaning = meaningOf(status, hasEnvelope(envelope));
  const detail = envelopeMessage(envelope) || response.text.slice(0, 200) || `HTTP ${response.status}`;
  const retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
  return new UpstreamHttpError({
    code: meaning.code,
    message: `kie answered ${status}: ${detail}`,
    url,
    statusCode: status,
    responseBody: response.text.slice(0, 2000),
    isRetryable: meaning.retryable,
    definitelyNotCreated: meaning.create === 'refused',
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

/**
 * A create that kie answered as a success (HTTP 2xx, code 200, or a 2xx body that is not JSON at
 * all) but without a taskId. kie documents that a 200 means the task was created: a job may exist
 * and bill, and the gateway cannot name it. Never refused, never retried.
 */
export function kieCreatedWithoutTaskId(url: string, response: HttpResponse): UpstreamHttpError {
  const shape = response.json === undefined ? 'a body that is not JSON' : 'no data.taskId';
  return new UpstreamHttpError({
    code: 'upstream_bad_response',
    message: `kie answered ${response.status} to the create with ${shape}: the task may exist upstream`,
    url,
    statusCode: response.status,
    responseBody: response.text.slice(0, 2000),
    isRetryable: false,
    definitelyNotCreated: false,
  });
}
