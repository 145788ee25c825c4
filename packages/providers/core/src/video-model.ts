import type { CatalogEntry, ModelSceneId } from './catalog/catalog-entry.js';
import type { OptionIssue } from './errors/invalid-options-error.js';
import type { JsonValue } from './json.js';

/** One video job as the engine hands it to a provider: already validated against the catalog. */
export interface VideoJobRequest {
  entry: CatalogEntry;
  scene: ModelSceneId;
  /** The upstream `input` object, built by `prepareInput` from the catalog entry. */
  input: Record<string, unknown>;
  /** Where the upstream should report completion, when the gateway is reachable from outside. */
  webhookUrl?: string;
  signal?: AbortSignal;
}

/** What a submit returns: the upstream id and an opaque value the engine stores and hands back. */
export interface StartResult {
  upstreamId: string;
  operation: JsonValue;
}

export interface GeneratedVideo {
  /** Where the upstream serves the video (its links expire; the gateway copies the file). */
  url: string;
  /**
   * Set by a provider that wrote the video into the gateway's own storage itself (the sandbox): the
   * key it is under, so the gateway records it instead of downloading `url`.
   */
  storageKey?: string;
  contentType?: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
}

/** Where a job stands upstream, mapped from one upstream answer. */
export type JobStatus =
  | { state: 'pending'; progress?: number; queuePosition?: number }
  | { state: 'success'; videos: GeneratedVideo[] }
  | { state: 'failed'; code: string; message: string; retryable: false };

/**
 * What a cancel achieved: `canceled` (the upstream confirms it will not run or bill),
 * `requested` (asked, outcome unknown: keep polling), `too-late` (already finished),
 * `unsupported` (the upstream has no cancel).
 */
export type CancelOutcome = 'canceled' | 'requested' | 'too-late' | 'unsupported';

export interface WebhookRequest {
  headers: Record<string, string | undefined>;
  rawBody: Uint8Array;
  query: URLSearchParams;
}

/**
 * A webhook, parsed. Only a verified event may be trusted as a status; an unverified one is a
 * hint to poll the upstream now.
 */
export interface WebhookEvent {
  upstreamId: string;
  verified: boolean;
  status?: JobStatus;
}

/** At most `limit` calls in any `windowMs`, as upstreams document their limits. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export interface ProviderRateLimits {
  submit?: WindowLimit;
  status?: WindowLimit;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** A file a client uploaded to the gateway (POST /v1/files), to hand to the upstream as an input. */
export interface InputFile {
  /** `file_...` */
  id: string;
  filename: string;
  /** Read from the file's bytes when it was uploaded (never from the client's header). */
  contentType: string;
  bytes: number;
  /** Where the gateway's storage keeps it. */
  storageKey: string;
  /**
   * A signed link to the file on the gateway, valid for a day: set only when the gateway is
   * reachable from outside (`ADS_PUBLIC_URL`).
   */
  publicUrl?: string;
  /** The file's bytes, streamed from the gateway's storage. */
  open(): Promise<AsyncIterable<Uint8Array>>;
}

/**
 * A video provider: one upstream request per call, one upstream answer mapped per call.
 * Providers never sleep, loop or retry a submit: polling, deadlines and idempotency are the engine's.
 */
export interface VideoProvider {
  readonly id: string;
  readonly catalog: readonly CatalogEntry[];
  /** Preferred model per scene when the request names none. */
  readonly defaults: Partial<Record<ModelSceneId, string>>;
  isConfigured(): boolean;
  start(request: VideoJobRequest): Promise<StartResult>;
  status(operation: JsonValue, options?: CallOptions): Promise<JobStatus>;
  cancel(operation: JsonValue, options?: CallOptions): Promise<CancelOutcome>;
  parseWebhook?(request: WebhookRequest): Promise<WebhookEvent>;
  /**
   * The operation of a job known only by its upstream id (a reconciled submit whose answer was
   * lost): what `start` would have returned for it. No upstream call.
   */
  operationFor?(upstreamId: string, entry: CatalogEntry): JsonValue;
  /**
   * Rules across fields that the catalog's per-field checks cannot say (a limit on resolution ×
   * duration): checked at create time, after the input is prepared. Paths name the model's fields.
   */
  inputIssues?(entry: CatalogEntry, input: Record<string, unknown>): readonly OptionIssue[];
  /**
   * The URL the upstream is given for an uploaded file: the gateway's signed link when it has one,
   * else the provider's own upload API. Called before the submit; it creates no job and bills
   * nothing, so it may be repeated. Without it only the signed link can be given.
   */
  deliverFile?(file: InputFile, options?: CallOptions): Promise<string>;
  /** Releases what the adapter holds (threads, connections) when the gateway stops. */
  close?(): Promise<void>;
  /** What the upstream allows one account: the gateway stays inside it (shared by all instances on PostgreSQL). */
  readonly rateLimits?: ProviderRateLimits;
}
