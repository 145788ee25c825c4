import { Agent, type Dispatcher, request as undiciRequest } from 'undici';
import { UpstreamHttpError } from '../errors/upstream-http-error.js';
import {
  defaultReadRetryPolicy,
  parseRetryAfter,
  type RetryPolicy,
  retryableStatuses,
  retryDelayMs,
} from './retry-policy.js';
import { sleep } from './sleep.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /**
   * Safe to send again (reads, cancels). Only these are retried; a submit never is, because a
   * repeated submit can start and bill a second job.
   */
  idempotent: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON (some upstream errors are not). */
  json: unknown;
}

export interface HttpClientSettings {
  /** An undici dispatcher (Agent, Pool, MockAgent); a shared pooled Agent by default. */
  dispatcher?: Dispatcher;
  /** Longest wait for the answer's headers, then for its body. */
  timeoutMs?: number;
  userAgent?: string;
  retry?: RetryPolicy;
}

let sharedAgent: Agent | undefined;

/** One pooled, keep-alive agent for every upstream, unless a dispatcher is injected. */
function defaultDispatcher(): Agent {
  sharedAgent ??= new Agent({ connections: 128, keepAliveTimeout: 30_000, pipelining: 1 });
  return sharedAgent;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]],
    ),
  );
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON over HTTP to an upstream, on undici, with bounded retries for idempotent requests only. */
export class HttpClient {
  private readonly settings: Required<Omit<HttpClientSettings, 'dispatcher'>> & { dispatcher?: Dispatcher };

  constructor(settings: HttpClientSettings = {}) {
    this.settings = {
      timeoutMs: settings.timeoutMs ?? 30_000,
      userAgent: settings.userAgent ?? 'ads-gateway',
      retry: settings.retry ?? defaultReadRetryPolicy,
      ...(settings.dispatcher ? { dispatcher: settings.dispatcher } : {}),
    };
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const policy = request.idempotent ? this.settings.retry : { ...this.settings.retry, retries: 0 };
    for (let attempt = 0; ; attempt += 1) {
      const isLast = attempt >= policy.retries;
      let response: HttpResponse;
      try {
        response = await this.sendOnce(request);
      } catch (error) {
        if (request.signal?.aborted || isLast) throw this.transportError(request, error);
        await sleep(retryDelayMs(policy, attempt), request.signal);
        continue;
      }
      if (isLast || !retryableStatuses.has(response.status)) return response;
      await sleep(
        retryDelayMs(policy, attempt, parseRetryAfter(response.headers['retry-after'])),
        request.signal,
      );
    }
  }

  private async sendOnce(request: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.settings.userAgent,
      ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
    };
    const answer = await undiciRequest(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: request.signal,
      dispatcher: this.settings.dispatcher ?? defaultDispatcher(),
      headersTimeout: this.settings.timeoutMs,
      bodyTimeout: this.settings.timeoutMs,
    });
    const text = await answer.body.text();
    return {
      status: answer.statusCode,
      headers: flattenHeaders(answer.headers),
      text,
      json: parseJson(text),
    };
  }

  private transportError(request: HttpRequest, error: unknown): UpstreamHttpError {
    const reason = error instanceof Error ? error.message : String(error);
    return new UpstreamHttpError({
      code: 'upstream_unavailable',
      message: `${request.method} ${new URL(request.url).origin} failed: ${reason}`,
      url: request.url,
      isRetryable: !request.signal?.aborted,
      cause: error,
    });
  }
}
