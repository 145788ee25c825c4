import {
  type CallOptions,
  type CancelOutcome,
  type CatalogEntry,
  HttpClient,
  type HttpRequest,
  type InputFile,
  invalidOperationError,
  type JobStatus,
  type JsonValue,
  multipartBody,
  ProviderNotConfiguredError,
  type ProviderRateLimits,
  type ProviderSettings,
  type StartResult,
  type VideoJobRequest,
  type VideoProvider,
  type WebhookEvent,
  type WebhookRequest,
} from '@ads/provider';
import { kieCatalog, kieDefaults } from './kie-catalog.js';
import {
  effectiveCode,
  envelopeMessage,
  type KieEnvelope,
  kieCreatedWithoutTaskId,
  kieError,
} from './kie-error.js';
import { isKieApi, type KieApi, kieApiOf, kieFamilies } from './kie-families.js';
import {
  type FollowUpSource,
  followUpId,
  followUpSource,
  isFollowUpApi,
  type KieFollowUpApi,
  kieFollowUps,
} from './kie-follow-ups.js';
import { parseKieWebhook } from './kie-webhook.js';

export interface KieSettings extends ProviderSettings {
  /** Read lazily from KIE_API_KEY when absent. */
  apiKey?: string;
  /** Default KIE_BASE_URL, else https://api.kie.ai. */
  baseURL?: string;
  /** kie's file upload API (KIE_UPLOAD_BASE_URL, else https://kieai.redpandaai.co). */
  uploadBaseURL?: string;
  /** Key for callback signatures (KIE_WEBHOOK_HMAC_KEY); callbacks are unverified hints without it. */
  webhookHmacKey?: string;
  /** The account's limits, when kie support raised them; kie's documented ones otherwise. */
  rateLimits?: ProviderRateLimits;
}

/** What the gateway stores for a kie job, and hands back to `status`. */
interface KieOperation {
  api: KieApi;
  taskId: string;
  model: string;
  /** For a 1080p or 4K follow-up: the Veo task and the video it upgrades. */
  source?: FollowUpSource;
}

/** kie answers `recordInfo is null` (422) or 404 for a moment after a create: the job is not visible yet. */
function isNotVisibleYet(code: number, message: string): boolean {
  return code === 404 || (code === 422 && /record(info)? is null/i.test(message));
}

/** kie's documented limits: 20 new generation requests per 10 s per account, 10 recordInfo reads/s per key. */
export const kieRateLimits: ProviderRateLimits = {
  submit: { limit: 20, windowMs: 10_000 },
  status: { limit: 10, windowMs: 1000 },
};

function asOperation(value: JsonValue): KieOperation {
  const operation = value as Partial<KieOperation> | null;
  if (!operation || typeof operation.taskId !== 'string' || !isKieApi(operation.api)) {
    throw invalidOperationError('kie');
  }
  return operation as KieOperation;
}

export class KieProvider implements VideoProvider {
  readonly id = 'kie';
  readonly catalog = kieCatalog;
  readonly defaults = kieDefaults;
  readonly rateLimits: ProviderRateLimits;
  private readonly http: HttpClient;

  constructor(private readonly settings: KieSettings = {}) {
    this.rateLimits = settings.rateLimits ?? kieRateLimits;
    this.http = new HttpClient({ userAgent: 'ads-gateway (kie adapter)', ...settings.http });
  }

  private get apiKey(): string | undefined {
    return this.settings.apiKey ?? process.env.KIE_API_KEY;
  }

  private get baseURL(): string {
    return (this.settings.baseURL ?? process.env.KIE_BASE_URL ?? 'https://api.kie.ai').replace(/\/+$/, '');
  }

  private get uploadBaseURL(): string {
    return (
      this.settings.uploadBaseURL ??
      process.env.KIE_UPLOAD_BASE_URL ??
      'https://kieai.redpandaai.co'
    ).replace(/\/+$/, '');
  }

  private get webhookHmacKey(): string | undefined {
    return this.settings.webhookHmacKey ?? process.env.KIE_WEBHOOK_HMAC_KEY;
  }

  isConfigured(): boolean {
    return Boolean(this.apiKey);
  }

  private headers(): Record<string, string> {
    const apiKey = this.apiKey;
    if (!apiKey) throw new ProviderNotConfiguredError({ provider: 'kie', variable: 'KIE_API_KEY' });
    return { authorization: `Bearer ${apiKey}`, ...this.settings.headers };
  }

  /** Sends one request and returns the envelope's data, or throws the error the envelope carries. */
  private async call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    upload?: { base: string; body: HttpRequest['upload'] },
  ) {
    const url = `${upload?.base ?? this.baseURL}${path}`;
    const response = await this.http.send({
      method,
      url,
      headers: this.headers(),
      ...(upload ? { upload: upload.body } : { body }),
      signal,
    });
    const envelope = response.json as KieEnvelope | undefined;
    const code = effectiveCode(response.status, envelope);
    const ok = response.status >= 200 && response.status < 300 && code === 200;
    return { ok, code, envelope, url, response };
  }

  operationFor(upstreamId: string, entry: CatalogEntry): JsonValue {
    const api = kieApiOf(entry);
    const source = isFollowUpApi(api) ? { source: followUpSource(upstreamId) } : {};
    const operation: KieOperation = { api, taskId: upstreamId, model: entry.model, ...source };
    return { ...operation };
  }

  /** Asks for a 1080p or 4K version of a finished Veo video: accepted while kie says it is processing. */
  private async startFollowUp(api: KieFollowUpApi, request: VideoJobRequest): Promise<StartResult> {
    const source = { taskId: String(request.input.taskId ?? ''), index: Number(request.input.index ?? 0) };
    const call = kieFollowUps[api].request(source, request.webhookUrl);
    const { code, envelope, url, response } = await this.call(
      call.method,
      call.path,
      call.body,
      request.signal,
    );
    const answer = kieFollowUps[api].read(code, envelopeMessage(envelope), envelope?.data);
    if (!answer || answer.state === 'failed') throw kieError(url, response);
    const taskId = followUpId(api, source);
    const operation: KieOperation = { api, taskId, model: request.entry.model, source };
    return { upstreamId: taskId, operation: { ...operation } };
  }

  async start(request: VideoJobRequest): Promise<StartResult> {
    const api = kieApiOf(request.entry);
    if (isFollowUpApi(api)) return this.startFollowUp(api, request);
    const family = kieFamilies[api];
    const { ok, envelope, url, response } = await this.call(
      'POST',
      family.create,
      family.body(request.entry, request.input, request.webhookUrl),
      request.signal,
    );
    if (!ok) throw kieError(url, response);
    const data = envelope?.data as { taskId?: unknown; task_id?: unknown } | null | undefined;
    const taskId = [data?.taskId, data?.task_id].find(
      (value): value is string => typeof value === 'string' && value.length > 0,
    );
    if (!taskId) throw kieCreatedWithoutTaskId(url, response);
    const operation: KieOperation = { api, taskId, model: request.entry.model };
    return { upstreamId: taskId, operation: { ...operation } };
  }

  /**
   * The gateway's signed link when it is public; else the file is streamed to kie's File Stream
   * Upload (`POST /api/file-stream-upload`, free, kept by kie for 3 days) and kie's `downloadUrl`
   * is given. The name is the gateway's file id, so a repeat overwrites the same upload.
   */
  async deliverFile(file: InputFile, options: CallOptions = {}): Promise<string> {
    if (file.publicUrl) return file.publicUrl;
    const body = multipartBody(
      { uploadPath: 'ads-inputs', fileName: file.filename },
      { field: 'file', ...file, data: () => file.open() },
    );
    const { ok, envelope, url, response } = await this.call(
      'POST',
      '/api/file-stream-upload',
      undefined,
      options.signal,
      { base: this.uploadBaseURL, body },
    );
    // The quickstart's example names the link fileUrl; the reference and real answers, downloadUrl.
    const data = envelope?.data as { downloadUrl?: unknown; fileUrl?: unknown } | undefined;
    const downloadUrl = data?.downloadUrl ?? data?.fileUrl;
    if (!ok || typeof downloadUrl !== 'string') throw kieError(url, response);
    return downloadUrl;
  }

  async status(value: JsonValue, options: CallOptions = {}): Promise<JobStatus> {
    const operation = asOperation(value);
    if (isFollowUpApi(operation.api)) {
      const followUp = kieFollowUps[operation.api];
      const call = followUp.request(operation.source ?? followUpSource(operation.taskId));
      const { code, envelope, url, response } = await this.call(
        call.method,
        call.path,
        call.body,
        options.signal,
      );
      const answer = followUp.read(code, envelopeMessage(envelope), envelope?.data);
      if (!answer) throw kieError(url, response);
      return answer;
    }
    const family = kieFamilies[operation.api];
    const path = `${family.record}?taskId=${encodeURIComponent(operation.taskId)}`;
    const { ok, code, envelope, url, response } = await this.call('GET', path, undefined, options.signal);
    if (!ok) {
      if (isNotVisibleYet(code, envelopeMessage(envelope))) return { state: 'pending' };
      // 501 and 408 on a record mean the generation itself failed.
      if (code === 501 || code === 408) {
        return {
          state: 'failed',
          code: 'upstream_failed',
          message: `kie: ${envelopeMessage(envelope) || 'generation failed'} (kie code ${code})`,
          retryable: false,
        };
      }
      throw kieError(url, response);
    }
    const record = envelope?.data;
    if (record === null || record === undefined) return { state: 'pending' };
    return family.status(record);
  }

  /** kie documents no way to cancel a job. */
  async cancel(): Promise<CancelOutcome> {
    return 'unsupported';
  }

  async parseWebhook(request: WebhookRequest): Promise<WebhookEvent> {
    const now = this.settings.now?.() ?? Date.now();
    return parseKieWebhook(request, this.webhookHmacKey, Math.floor(now / 1000));
  }
}

/** A kie provider; settings fall back to KIE_API_KEY, KIE_BASE_URL and KIE_WEBHOOK_HMAC_KEY, read when used. */
export function createKie(settings: KieSettings = {}): KieProvider {
  return new KieProvider(settings);
}

export const kie = createKie();
