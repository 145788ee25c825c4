import {
  type CallOptions,
  type CancelOutcome,
  type CatalogEntry,
  HttpClient,
  type HttpResponse,
  type InputFile,
  invalidOperationError,
  type JobStatus,
  type JsonValue,
  ProviderNotConfiguredError,
  type ProviderSettings,
  type StartResult,
  UpstreamHttpError,
  type VideoJobRequest,
  type VideoProvider,
  type WebhookEvent,
  type WebhookRequest,
} from '@ads/provider';
import { falCatalog, falDefaults } from './fal-catalog.js';
import { falRequestUrls } from './fal-endpoint.js';
import { falError, falResultReadError } from './fal-error.js';
import { falFailure, falOutputStatus } from './fal-result.js';
import { uploadToFalStorage } from './fal-storage.js';
import { FalJwksCache, parseFalWebhook } from './fal-webhook.js';

export interface FalSettings extends ProviderSettings {
  /** Read lazily from FAL_KEY when absent (or FAL_KEY_ID:FAL_KEY_SECRET). */
  apiKey?: string;
  /** Default FAL_QUEUE_URL, else https://queue.fal.run. */
  queueURL?: string;
  /** fal's REST API, where uploads start: default FAL_REST_URL, else https://rest.fal.ai. */
  restURL?: string;
  /** Where fal publishes its webhook signing keys; default FAL_JWKS_URL, else https://rest.fal.ai/.well-known/jwks.json. */
  jwksURL?: string;
}

/** What the gateway stores for a fal request, and hands back to `status` and `cancel`. */
interface FalOperation {
  requestId: string;
  endpointId: string;
  statusUrl: string;
  responseUrl: string;
  cancelUrl: string;
}

function asOperation(value: JsonValue): FalOperation {
  const operation = value as Partial<FalOperation> | null;
  if (!operation || typeof operation.requestId !== 'string' || typeof operation.statusUrl !== 'string') {
    throw invalidOperationError('fal');
  }
  return operation as FalOperation;
}

/**
 * Whether a non-2xx answer to a COMPLETED request's result read is the model's own error. Only fal's
 * error body (`detail`) or its `X-Fal-Error-Type` header say so. Anything else — 401/403 after a key
 * rotation or a locked account, 404, 410, 429, a 5xx without `detail` — is a failed read of a job fal
 * finished and billed: read again later, never refund for it. Auth and routing answers (401, 403,
 * 404, 405, 410, 429) never come from the model, whatever their body says.
 */
function isModelError(response: HttpResponse): boolean {
  if ([401, 403, 404, 405, 410, 429].includes(response.status)) return false;
  const body = response.json;
  const hasDetail = typeof body === 'object' && body !== null && 'detail' in body;
  return hasDetail || Boolean(response.headers['x-fal-error-type']);
}

export class FalProvider implements VideoProvider {
  readonly id = 'fal';
  readonly catalog = falCatalog;
  readonly defaults = falDefaults;
  private readonly http: HttpClient;
  private readonly jwks: FalJwksCache;

  constructor(private readonly settings: FalSettings = {}) {
    this.http = new HttpClient({ userAgent: 'ads-gateway (fal adapter)', ...settings.http });
    this.jwks = new FalJwksCache(
      this.http,
      () => this.jwksURL,
      () => this.now(),
    );
  }

  private now(): number {
    return this.settings.now?.() ?? Date.now();
  }

  private get apiKey(): string | undefined {
    if (this.settings.apiKey !== undefined) return this.settings.apiKey || undefined;
    const { FAL_KEY, FAL_KEY_ID, FAL_KEY_SECRET } = process.env;
    return FAL_KEY || (FAL_KEY_ID && FAL_KEY_SECRET ? `${FAL_KEY_ID}:${FAL_KEY_SECRET}` : undefined);
  }

  private get queueURL(): string {
    return (this.settings.queueURL ?? process.env.FAL_QUEUE_URL ?? 'https://queue.fal.run').replace(
      /\/+$/,
      '',
    );
  }

  private get restURL(): string {
    return (this.settings.restURL ?? process.env.FAL_REST_URL ?? 'https://rest.fal.ai').replace(/\/+$/, '');
  }

  private get jwksURL(): string {
    return this.settings.jwksURL ?? process.env.FAL_JWKS_URL ?? 'https://rest.fal.ai/.well-known/jwks.json';
  }

  isConfigured(): boolean {
    return Boolean(this.apiKey);
  }

  private headers(): Record<string, string> {
    const apiKey = this.apiKey;
    if (!apiKey) throw new ProviderNotConfiguredError({ provider: 'fal', variable: 'FAL_KEY' });
    return { authorization: `Key ${apiKey}`, ...this.settings.headers };
  }

  operationFor(upstreamId: string, entry: CatalogEntry): JsonValue {
    const urls = falRequestUrls(this.queueURL, entry.model, upstreamId, {});
    const operation: FalOperation = { requestId: upstreamId, endpointId: entry.model, ...urls };
    return { ...operation };
  }

  /** The gateway's signed link when it is public; else the file is uploaded to fal's CDN (fal-storage.ts). */
  async deliverFile(file: InputFile, options: CallOptions = {}): Promise<string> {
    if (file.publicUrl) return file.publicUrl;
    return uploadToFalStorage(
      this.http,
      { restURL: this.restURL, headers: this.headers(), signal: options.signal },
      file,
    );
  }

  async start(request: VideoJobRequest): Promise<StartResult> {
    const endpointId = request.entry.model;
    const webhook = request.webhookUrl ? `?${new URLSearchParams({ fal_webhook: request.webhookUrl })}` : '';
    const url = `${this.queueURL}/${endpointId}${webhook}`;
    const response = await this.http.send({
      method: 'POST',
      url,
      headers: this.headers(),
      body: request.input,
      signal: request.signal,
    });
    if (response.status < 200 || response.status >= 300) throw falError(url, response);
    const submitted = response.json as
      | { request_id?: unknown; status_url?: unknown; response_url?: unknown; cancel_url?: unknown }
      | undefined;
    if (typeof submitted?.request_id !== 'string') {
      throw new UpstreamHttpError({
        code: 'upstream_bad_response',
        message: 'fal accepted the request but returned no request_id',
        url,
        isRetryable: false,
      });
    }
    const urls = falRequestUrls(this.queueURL, endpointId, submitted.request_id, submitted);
    const operation: FalOperation = { requestId: submitted.request_id, endpointId, ...urls };
    return { upstreamId: submitted.request_id, operation: { ...operation } };
  }

  async status(value: JsonValue, options: CallOptions = {}): Promise<JobStatus> {
    const operation = asOperation(value);
    const statusUrl = `${operation.statusUrl}${operation.statusUrl.includes('?') ? '&' : '?'}logs=0`;
    const response = await this.http.send({
      method: 'GET',
      url: statusUrl,
      headers: this.headers(),
      signal: options.signal,
    });
    if (response.status < 200 || response.status >= 300) throw falError(statusUrl, response);
    const body = response.json as
      | { status?: string; queue_position?: number; error?: string | null }
      | undefined;
    if (body?.status === 'IN_QUEUE') {
      return {
        state: 'pending',
        ...(typeof body.queue_position === 'number' ? { queuePosition: body.queue_position } : {}),
      };
    }
    // fal has no FAILED status: a finished request's outcome is read from its result.
    if (body?.status !== 'COMPLETED') return { state: 'pending' };
    return this.result(operation, options.signal, body.error ?? undefined);
  }

  private async result(
    operation: FalOperation,
    signal: AbortSignal | undefined,
    statusError?: string,
  ): Promise<JobStatus> {
    const response = await this.http.send({
      method: 'GET',
      url: operation.responseUrl,
      headers: this.headers(),
      signal,
    });
    if (response.status >= 200 && response.status < 300) return falOutputStatus(response.json);
    if (!isModelError(response)) throw falResultReadError(operation.responseUrl, response);
    return falFailure(response.status, response.json, statusError);
  }

  /**
   * fal removes a queued request and signals a running one; a request may still run after
   * CANCELLATION_REQUESTED, so the outcome is read from the result as usual.
   */
  async cancel(value: JsonValue, options: CallOptions = {}): Promise<CancelOutcome> {
    const operation = asOperation(value);
    const response = await this.http.send({
      method: 'PUT',
      url: operation.cancelUrl,
      headers: this.headers(),
      signal: options.signal,
    });
    const status = (response.json as { status?: string } | undefined)?.status;
    if (status === 'ALREADY_COMPLETED' || response.status === 400) return 'too-late';
    if (response.status >= 200 && response.status < 300) return 'requested';
    throw falError(operation.cancelUrl, response);
  }

  async parseWebhook(request: WebhookRequest): Promise<WebhookEvent> {
    return parseFalWebhook(request, this.jwks, Math.floor(this.now() / 1000));
  }
}

/** A fal provider; settings fall back to FAL_KEY, FAL_QUEUE_URL and FAL_JWKS_URL, read when used. */
export function createFal(settings: FalSettings = {}): FalProvider {
  return new FalProvider(settings);
}

export const fal = createFal();
