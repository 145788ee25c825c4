import { type HttpResponse, type ProviderErrorCode, parseRetryAfter, UpstreamHttpError } from '@ads/provider';

/** kie's envelope: errors often arrive under HTTP 200 with the real code in the body. */
export interface KieEnvelope {
  code?: number;
  msg?: string;
  message?: string;
  data?: unknown;
}

interface CodeMeaning {
  code: ProviderErrorCode;
  retryable: boolean;
  /** For a submit: kie refused it, so no job exists and nothing is billed. */
  refused: boolean;
}

/** What each kie code means for the gateway (kie's code table; 455 is maintenance, 433 a sub-key cap). */
const meanings: Record<number, CodeMeaning> = {
  400: { code: 'upstream_rejected', retryable: false, refused: true },
  401: { code: 'upstream_auth', retryable: false, refused: true },
  402: { code: 'upstream_insufficient_credits', retryable: false, refused: true },
  403: { code: 'upstream_auth', retryable: false, refused: true },
  404: { code: 'upstream_rejected', retryable: false, refused: true },
  422: { code: 'upstream_rejected', retryable: false, refused: true },
  429: { code: 'upstream_rate_limited', retryable: true, refused: true },
  433: { code: 'upstream_rate_limited', retryable: true, refused: true },
  451: { code: 'upstream_rejected', retryable: false, refused: true },
  455: { code: 'upstream_unavailable', retryable: true, refused: true },
  505: { code: 'upstream_rejected', retryable: false, refused: true },
};

function meaningOf(status: number): CodeMeaning {
  return (
    meanings[status] ??
    (status >= 500
      ? { code: 'upstream_unavailable', retryable: true, refused: true }
      : {
          code: 'upstream_bad_response',
          retryable: true,
          refused: false,
        })
  );
}

export function envelopeMessage(envelope: KieEnvelope | undefined): string {
  return envelope?.msg ?? envelope?.message ?? '';
}

/** The effective error code of an answer: the body's `code` when present, else the HTTP status. */
export function effectiveCode(httpStatus: number, envelope: KieEnvelope | undefined): number {
  return typeof envelope?.code === 'number' ? envelope.code : httpStatus;
}

/**
 * The error an answer carries. `envelope` overrides the answer's own body (for a 2xx that lacks what
 * it should have returned).
 */
export function kieError(
  url: string,
  response: HttpResponse,
  envelope: KieEnvelope | undefined = response.json as KieEnvelope | undefined,
): UpstreamHttpError {
  const status = effectiveCode(response.status, envelope);
  const meaning = meaningOf(status);
  const detail = envelopeMessage(envelope) || response.text.slice(0, 200) || `HTTP ${response.status}`;
  const retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
  return new UpstreamHttpError({
    code: meaning.code,
    message: `kie answered ${status}: ${detail}`,
    url,
    statusCode: status,
    responseBody: response.text.slice(0, 2000),
    isRetryable: meaning.retryable,
    // A 5xx without kie's envelope may come from in front of kie: whether a job exists is unknown.
    definitelyNotCreated: meaning.refused && (typeof envelope?.code === 'number' || status < 500),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}
