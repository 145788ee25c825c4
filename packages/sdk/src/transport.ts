import type { ApiFetcherArgs } from '@ts-rest/core';
import { ConnectionError } from './errors/connection-error.js';
import { ConnectionTimeoutError } from './errors/connection-timeout-error.js';
import { isRetryableStatus, retryDelayMs } from './retry.js';
import { abortError, sleep } from './sleep.js';

/** Per-call settings every SDK method accepts. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait) at once. */
  signal?: AbortSignal;
  /** Gives up on one HTTP attempt after this long (default: the client's, 60 s). */
  timeoutMs?: number;
  /** How many times a safe call is retried on 408/429/5xx or a network error (default 2). */
  maxRetries?: number;
  /** For creates: the key that makes retries safe. Minted for you when omitted. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

/** Whether a call may be sent twice: reads may, creates with an idempotency key may, others never. */
export type RetryPolicy = 'read' | 'create' | 'never';

export interface CallSettings extends RequestOptions {
  retry: RetryPolicy;
}

export interface TransportSettings {
  fetch: typeof fetch;
  apiKey?: string;
  adminToken?: string;
  timeoutMs: number;
  maxRetries: number;
  headers: Record<string, string>;
}

export interface TransportAnswer {
  status: number;
  body: unknown;
  headers: Headers;
  response: Response;
}

type RouteAuth = 'api-key' | 'admin' | 'none';

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text || !response.headers.get('content-type')?.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function sendOnce(
  settings: TransportSettings,
  args: ApiFetcherArgs,
  headers: Record<string, string>,
  call: CallSettings,
): Promise<TransportAnswer> {
  const timeoutMs = call.timeoutMs ?? settings.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  try {
    const response = await settings.fetch(args.path, {
      method: args.method,
      headers,
      body: args.body ?? undefined,
      signal,
    });
    return { status: response.status, body: await readBody(response), headers: response.headers, response };
  } catch (error) {
    if (call.signal?.aborted) throw abortError(call.signal);
    if (timeout.aborted) {
      throw new ConnectionTimeoutError(`No answer from ${args.path} within ${timeoutMs} ms.`, {
        cause: error,
      });
    }
    throw new ConnectionError(`Could not reach ${args.path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The fetcher under the ts-rest client: credentials, the idempotency key, one timeout per attempt,
 * and retries only where a second send cannot do harm.
 */
export function createTransport(settings: TransportSettings) {
  return async (args: ApiFetcherArgs & { call?: CallSettings }): Promise<TransportAnswer> => {
    const call = args.call ?? { retry: 'never' };
    const auth = (args.route.metadata as { auth?: RouteAuth } | undefined)?.auth;
    const credential = auth === 'admin' ? settings.adminToken : auth === 'none' ? undefined : settings.apiKey;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...settings.headers,
      ...args.headers,
      ...call.headers,
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      ...(call.idempotencyKey ? { 'idempotency-key': call.idempotencyKey } : {}),
    };
    const safeToRepeat = call.retry === 'read' || (call.retry === 'create' && call.idempotencyKey);
    const maxRetries = safeToRepeat ? (call.maxRetries ?? settings.maxRetries) : 0;
    for (let attempt = 0; ; attempt += 1) {
      let answer: TransportAnswer | undefined;
      try {
        answer = await sendOnce(settings, args, headers, call);
      } catch (error) {
        const transient = ConnectionError.isInstance(error);
        if (!transient || attempt >= maxRetries) throw error;
      }
      if (answer && (!isRetryableStatus(answer.status) || attempt >= maxRetries)) return answer;
      await sleep(retryDelayMs(attempt, answer?.headers), call.signal);
    }
  };
}
