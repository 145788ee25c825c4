import type { TaskError, TaskStatus } from '@ads/contract';
import type { GeneratedVideo, JsonValue } from '@ads/provider';
import { isModelSceneId, isSceneId, type ModelSceneId, type SceneId } from '@ads/vocabulary';
import type { PriceBasis } from '../pricing/price-basis.js';
import type { TasksTable } from './database.js';

/** A task as the engine works with it: the row, typed and with its JSON columns parsed. */
export interface TaskRecord {
  id: string;
  workspaceId: string;
  scene: SceneId;
  provider: string;
  model: string;
  modelScene: ModelSceneId;
  input: Record<string, unknown>;
  status: TaskStatus;
  progress: number | null;
  queuePosition: number | null;
  upstreamId: string | null;
  operation: JsonValue | null;
  videoUrls: string[];
  error: TaskError | null;
  credits: number;
  refunded: boolean;
  idempotencyKey: string | null;
  requestHash: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  nextCheckAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  checkCount: number;
  submitAttempts: number;
  submittingSince: number | null;
  submittedAt: number | null;
  cancelRequestedAt: number | null;
  deadlineAt: number;
  /** Status reads that failed in a row. */
  readFailures: number;
  /** An upstream id reported for an unconfirmed submit, not yet verified. */
  upstreamHint: string | null;
  reconciledAt: number | null;
  /** The turn a rate limit reserved for the task (it then calls without taking another token). */
  rateTurnAt: number | null;
  /** What the upstream delivered, once it reported success: the task is storing them until settled. */
  upstreamVideos: GeneratedVideo[] | null;
  storingSince: number | null;
  storeAttempts: number;
  /** The videos as the gateway keeps them (in storage, or only the provider's link when that failed). */
  videos: StoredVideo[];
  videosDeletedAt: number | null;
  /** Where this task's events also go (a per-request callback), and its own secret if it named one. */
  callbackUrl: string | null;
  callbackSecret: string | null;
  /** The key that created it (null for tasks from before keys were recorded). */
  apiKeyId: string | null;
  /** How its price was reached (null for tasks from before price rules). */
  priceBasis: PriceBasis | null;
}

/** One video of a task, as the gateway keeps it. */
export interface StoredVideo {
  /** Its place among the task's videos: the `N` of `/v1/tasks/{id}/videos/N.mp4`. */
  index: number;
  /** The provider's own link (it expires upstream). */
  sourceUrl: string;
  /** True when the file is in the gateway's storage under `key`. */
  stored: boolean;
  key?: string;
  bytes?: number;
  sha256?: string;
  contentType: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Why it is not stored (the copy kept failing until its deadline, or the file was too large). */
  reason?: string;
}

/** A stored word read back: the store only ever holds what the engine wrote, so anything else is damage. */
function known<T extends string>(value: string, isKnown: (value: unknown) => value is T, column: string): T {
  if (!isKnown(value)) throw new Error(`tasks.${column} holds "${value}", which this version does not know`);
  return value;
}

/** A time column that rows written before its migration lack. */
const optionalTime = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

export function toTaskRecord(row: TasksTable): TaskRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    scene: known(row.scene, isSceneId, 'scene'),
    provider: row.provider,
    model: row.model,
    modelScene: known(row.model_scene, isModelSceneId, 'model_scene'),
    input: JSON.parse(row.input_json) as Record<string, unknown>,
    status: row.status as TaskStatus,
    progress: row.progress,
    queuePosition: row.queue_position,
    upstreamId: row.upstream_id,
    operation: row.operation_json === null ? null : (JSON.parse(row.operation_json) as JsonValue),
    videoUrls: JSON.parse(row.video_urls_json) as string[],
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    credits: Number(row.credits),
    refunded: row.refunded === 1,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    nextCheckAt: row.next_check_at === null ? null : Number(row.next_check_at),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
    checkCount: row.check_count,
    submitAttempts: row.submit_attempts,
    submittingSince: row.submitting_since === null ? null : Number(row.submitting_since),
    submittedAt: row.submitted_at === null ? null : Number(row.submitted_at),
    cancelRequestedAt: row.cancel_requested_at === null ? null : Number(row.cancel_requested_at),
    deadlineAt: Number(row.deadline_at),
    readFailures: Number(row.read_failures ?? 0),
    upstreamHint: row.upstream_hint ?? null,
    reconciledAt: optionalTime(row.reconciled_at),
    rateTurnAt: optionalTime(row.rate_turn_at),
    upstreamVideos: row.upstream_videos_json
      ? (JSON.parse(row.upstream_videos_json) as GeneratedVideo[])
      : null,
    storingSince: optionalTime(row.storing_since),
    storeAttempts: Number(row.store_attempts ?? 0),
    videos: row.videos_json ? (JSON.parse(row.videos_json) as StoredVideo[]) : [],
    videosDeletedAt: optionalTime(row.videos_deleted_at),
    callbackUrl: row.callback_url ?? null,
    callbackSecret: row.callback_secret ?? null,
    apiKeyId: row.api_key_id ?? null,
    priceBasis: row.price_json ? (JSON.parse(row.price_json) as PriceBasis) : null,
  };
}
