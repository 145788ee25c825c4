import { Readable } from 'node:stream';
import { Agent, type Dispatcher, request as undiciRequest } from 'undici';
import { UpstreamHttpError } from '../errors/upstream-http-error.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, instead of `body`: a file's bytes or a multipart body, streamed. */
  upload?: { contentType: string; data: Uint8Array | AsyncIterable<Uint8Array>; bytes?: number };
  signal?: AbortSignal | undefined;
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

function uploadHeaders(upload: NonNullable<HttpRequest['upload']>): Record<string, string> {
  return {
    'content-type': upload.contentType,
    ...(upload.bytes === undefined ? {} : { 'content-length': String(upload.bytes) }),
  };
}

function bodyOf(request: HttpRequest) {
  if (request.upload) {
    const { data } = request.upload;
    return data instanceof Uint8Array ? data : Readable.from(data, { objectMode: false });
  }
  return request.body === undefined ? null : JSON.stringify(request.body);
}

/**
 * JSON over HTTP to an upstream, on undici: one request per call, never repeated here. Whether and
 * when to try again is the engine's decision (its poll schedule and rate limits), so one check is one
 * request and a submit is never sent twice.
 */
export class HttpClient {
  private readonly settings: Required<Omit<HttpClientSettings, 'dispatcher'>> & { dispatcher?: Dispatcher };

  constructor(settings: HttpClientSettings = {}) {
    this.settings = {
      timeoutMs: settings.timeoutMs ?? 30_000,
      userAgent: settings.userAgent ?? 'ads-gateway',
      ...(settings.dispatcher ? { dispatcher: settings.dispatcher } : {}),
    };
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.sendOnce(request);
    } catch (error) {
      throw this.transportError(request, error);
    }
  }

  private async sendOnce(request: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.settings.userAgent,
      ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(request.upload ? uploadHeaders(request.upload) : {}),
      ...request.headers,
    };
    const answer = await undiciRequest(request.url, {
      method: request.method,
      headers,
      body: bodyOf(request),
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
