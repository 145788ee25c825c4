import type { SceneId, TaskError, TaskStatus } from '@ads/contract';
import type { GeneratedVideo, JsonValue } from '@ads/provider';
import { sql, type Updateable } from 'kysely';
import type { PriceBasis } from '../pricing/price-basis.js';
import type { TasksTable } from './database.js';
import type { Executor } from './store.js';
import type { StoreEngine } from './store-engine.js';
import { type StoredVideo, type TaskRecord, toTaskRecord } from './task-record.js';

/**
 * Every change of a task's state, one named function each, in the task's own words (camelCase in,
 * columns out). The engine says what happened; only this file knows how that is written.
 * Writes to an open task go through one of two guards: "still open" (the compare-and-swap that makes
 * settling happen once) or "still leased to me" (a check's writes lose to whoever took the task over).
 */

const openStatuses: TaskStatus[] = ['pending', 'running'];

type TaskChanges = Updateable<TasksTable>;

/** The lease is given up and the next look is scheduled: how every check ends that did not settle. */
const released = (nextCheckAt: number): TaskChanges => ({
  next_check_at: nextCheckAt,
  lease_owner: null,
  lease_until: null,
  rate_turn_at: null,
});

/**
 * Which writes may land: only on a task still open; only on one still open whose upstream has not
 * delivered (what it billed for can no longer fail); or only while the caller still holds its lease.
 */
type Guard = 'open' | 'undelivered' | { leaseOwner: string };

async function update(executor: Executor, id: string, guard: Guard, changes: TaskChanges): Promise<boolean> {
  const query = executor.updateTable('tasks').set(changes).where('id', '=', id);
  const guarded =
    guard === 'open'
      ? query.where('status', 'in', openStatuses)
      : guard === 'undelivered'
        ? query.where('status', 'in', openStatuses).where('upstream_videos_json', 'is', null)
        : query.where('lease_owner', '=', guard.leaseOwner);
  const result = await guarded.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const updateOpen = (executor: Executor, id: string, changes: TaskChanges) =>
  update(executor, id, 'open', changes);

const updateLeased = (executor: Executor, id: string, leaseOwner: string, changes: TaskChanges) =>
  update(executor, id, { leaseOwner }, changes);

export interface NewTask {
  id: string;
  workspaceId: string;
  scene: SceneId;
  provider: string;
  model: string;
  modelScene: string;
  input: Record<string, unknown>;
  credits: number;
  /** How the price was reached: an open length settles from it. */
  priceBasis: PriceBasis;
  apiKeyId: string | null;
  idempotencyKey: string | null;
  requestHash: string;
  now: number;
  /** The creator holds the new task until this lease runs out, so it can submit it at once. */
  leaseOwner: string;
  leaseMs: number;
  deadlineAt: number;
  callback?: { url: string; secret?: string | undefined } | undefined;
}

/** A new task, pending and leased to its creator; if the creator dies, the runner submits it. */
export async function insertPendingTask(executor: Executor, task: NewTask): Promise<TaskRecord> {
  const row: TasksTable = {
    id: task.id,
    workspace_id: task.workspaceId,
    scene: task.scene,
    provider: task.provider,
    model: task.model,
    model_scene: task.modelScene,
    input_json: JSON.stringify(task.input),
    status: 'pending',
    progress: null,
    queue_position: null,
    upstream_id: null,
    operation_json: null,
    video_urls_json: '[]',
    error_code: null,
    error_message: null,
    credits: task.credits,
    refunded: 0,
    idempotency_key: task.idempotencyKey,
    request_hash: task.requestHash,
    created_at: task.now,
    updated_at: task.now,
    finished_at: null,
    next_check_at: task.now + task.leaseMs,
    lease_owner: task.leaseOwner,
    lease_until: task.now + task.leaseMs,
    check_count: 0,
    submit_attempts: 0,
    submitting_since: null,
    submitted_at: null,
    cancel_requested_at: null,
    deadline_at: task.deadlineAt,
    read_failures: 0,
    upstream_hint: null,
    reconciled_at: null,
    rate_turn_at: null,
    hint_pulled_at: null,
    upstream_videos_json: null,
    storing_since: null,
    store_attempts: 0,
    videos_json: null,
    videos_deleted_at: null,
    callback_url: task.callback?.url ?? null,
    callback_secret: task.callback?.secret ?? null,
    api_key_id: task.apiKeyId,
    price_json: JSON.stringify(task.priceBasis),
  };
  await executor.insertInto('tasks').values(row).execute();
  return toTaskRecord(row);
}

export interface ClaimRequest {
  /** Unique per claim: later writes are accepted only while this lease still holds. */
  leaseOwner: string;
  now: number;
  leaseMs: number;
  limit: number;
  /** Workspaces and providers already holding their share of the claimer's slots: none of theirs now. */
  skipWorkspaces?: readonly string[];
  skipProviders?: readonly string[];
}

/**
 * Leases up to `limit` due tasks to the caller. On PostgreSQL the candidate rows are locked with
 * FOR UPDATE SKIP LOCKED, so instances claiming at once never get the same task; on SQLite the single
 * UPDATE statement is atomic across processes.
 */
export async function claimDueTasks(
  executor: Executor,
  engine: StoreEngine,
  claim: ClaimRequest,
): Promise<TaskRecord[]> {
  let candidates = executor
    .selectFrom('tasks')
    .select('id')
    .where('next_check_at', '<=', claim.now)
    .where((builder) =>
      builder.or([builder('lease_until', 'is', null), builder('lease_until', '<', claim.now)]),
    )
    .$if(Boolean(claim.skipWorkspaces?.length), (query) =>
      query.where('workspace_id', 'not in', claim.skipWorkspaces ?? []),
    )
    .$if(Boolean(claim.skipProviders?.length), (query) =>
      query.where('provider', 'not in', claim.skipProviders ?? []),
    )
    .orderBy('next_check_at')
    .limit(claim.limit);
  if (engine === 'postgres') candidates = candidates.forUpdate().skipLocked();
  const rows = await executor
    .updateTable('tasks')
    .set({ lease_owner: claim.leaseOwner, lease_until: claim.now + claim.leaseMs })
    .where('id', 'in', candidates)
    .where('next_check_at', '<=', claim.now)
    .where((builder) =>
      builder.or([builder('lease_until', 'is', null), builder('lease_until', '<', claim.now)]),
    )
    .returningAll()
    .execute();
  return rows.map(toTaskRecord);
}

/**
 * Notes that a submit is about to go on the wire, so that a crash before its answer is recorded is
 * recognised later as "outcome unknown" rather than submitted twice. The lease is stretched to
 * `leaseUntil`, past the longest the submit can take: until then no one reads the mark as a crash.
 * False when the task has ended.
 */
export function markSubmitting(
  executor: Executor,
  task: Pick<TaskRecord, 'id' | 'submitAttempts'>,
  submit: { now: number; leaseUntil: number },
): Promise<boolean> {
  return updateOpen(executor, task.id, {
    submitting_since: submit.now,
    submit_attempts: task.submitAttempts + 1,
    rate_turn_at: null,
    updated_at: submit.now,
    lease_until: submit.leaseUntil,
    next_check_at: submit.leaseUntil,
  });
}

/** The upstream accepted the job: the task runs, and its first look is scheduled. */
export function markRunning(
  executor: Executor,
  id: string,
  accepted: { upstreamId: string; operation: JsonValue; now: number; nextCheckAt: number },
): Promise<boolean> {
  return updateOpen(executor, id, {
    status: 'running',
    upstream_id: accepted.upstreamId,
    operation_json: JSON.stringify(accepted.operation),
    submitting_since: null,
    submitted_at: accepted.now,
    updated_at: accepted.now,
    ...released(accepted.nextCheckAt),
  });
}

/** The upstream refused the submit for now and created nothing: submit again at `nextCheckAt`. */
export function scheduleSubmitRetry(
  executor: Executor,
  id: string,
  retry: { now: number; nextCheckAt: number },
): Promise<boolean> {
  return updateOpen(executor, id, {
    submitting_since: null,
    updated_at: retry.now,
    ...released(retry.nextCheckAt),
  });
}

/**
 * A look at a running task that did not end it (the job is still going, or its status could not be
 * read): counts the look, keeps what the upstream reported, gives up the lease until `nextCheckAt`.
 */
export function scheduleNextCheck(
  executor: Executor,
  task: Pick<TaskRecord, 'id' | 'checkCount'>,
  leaseOwner: string,
  look: {
    now: number;
    nextCheckAt: number;
    /** Failed reads in a row, this one included (0 after a read that worked). */
    readFailures: number;
    progress?: number | null;
    queuePosition?: number | null;
  },
): Promise<boolean> {
  return updateLeased(executor, task.id, leaseOwner, {
    check_count: task.checkCount + 1,
    read_failures: look.readFailures,
    updated_at: look.now,
    ...(look.progress === undefined ? {} : { progress: look.progress }),
    ...(look.queuePosition === undefined ? {} : { queue_position: look.queuePosition }),
    ...released(look.nextCheckAt),
    // A webhook delivered the videos while this look was under way: the copy stays due now.
    // (An expression where the changes' type says number: Kysely's set takes either.)
    next_check_at:
      sql<number>`case when upstream_videos_json is null then cast(${look.nextCheckAt} as bigint) else cast(${look.now} as bigint) end` as unknown as number,
  });
}

/** Gives a claimed task back unlooked-at, to be claimed again at `nextCheckAt` (a rate limit's turn). */
export function releaseLease(
  executor: Executor,
  task: Pick<TaskRecord, 'id'>,
  leaseOwner: string,
  nextCheckAt: number,
): Promise<boolean> {
  return updateLeased(executor, task.id, leaseOwner, released(nextCheckAt));
}

/**
 * A rate limit turned the task away: it is given back until the turn the limit reserved for it, and
 * whoever claims it then (this instance or another) calls without taking another token.
 */
export function deferToRateTurn(
  executor: Executor,
  task: Pick<TaskRecord, 'id'>,
  leaseOwner: string,
  turnAt: number,
): Promise<boolean> {
  return updateLeased(executor, task.id, leaseOwner, { ...released(turnAt), rate_turn_at: turnAt });
}

/** How a task ended. */
export type TaskOutcome =
  | { status: 'success'; videos: StoredVideo[]; now: number; credits?: number | undefined }
  | { status: 'failed' | 'canceled'; error: TaskError; refunded: boolean; now: number };

/**
 * Moves an open task to its terminal state: the compare-and-swap that makes settling happen once.
 * Exactly one caller gets true; only that caller may write a refund (in the same transaction).
 * A task whose upstream delivered (it is storing its videos) can only succeed: what the upstream
 * billed for is never failed or refunded, whatever a late webhook or cancel says.
 */
export function settleOpenTask(executor: Executor, id: string, outcome: TaskOutcome): Promise<boolean> {
  return update(executor, id, outcome.status === 'success' ? 'open' : 'undelivered', settledChanges(outcome));
}

function settledChanges(outcome: TaskOutcome): TaskChanges {
  const success = outcome.status === 'success';
  return {
    status: outcome.status,
    video_urls_json: JSON.stringify(success ? outcome.videos.map((video) => video.sourceUrl) : []),
    videos_json: success ? JSON.stringify(outcome.videos) : null,
    upstream_videos_json: null,
    error_code: success ? null : outcome.error.code,
    error_message: success ? null : outcome.error.message,
    ...(success ? { progress: 100 } : {}),
    refunded: !success && outcome.refunded ? 1 : 0,
    ...(success && outcome.credits !== undefined ? { credits: outcome.credits } : {}),
    finished_at: outcome.now,
    updated_at: outcome.now,
    next_check_at: null,
    lease_owner: null,
    lease_until: null,
    submitting_since: null,
    rate_turn_at: null,
  };
}

/**
 * The upstream delivered: its videos are recorded, and the task is due at once for their copy into
 * storage (by whoever holds or next claims it). Once only: true for the one caller that recorded them.
 */
export function recordDelivery(
  executor: Executor,
  id: string,
  delivery: { videos: GeneratedVideo[]; now: number },
): Promise<boolean> {
  return update(executor, id, 'undelivered', {
    upstream_videos_json: JSON.stringify(delivery.videos),
    storing_since: delivery.now,
    progress: 99,
    updated_at: delivery.now,
    next_check_at: delivery.now,
    rate_turn_at: null,
  });
}

/** Keeps the videos copied so far and stretches the lease while the copy goes on; false once it was lost. */
export function recordCopyProgress(
  executor: Executor,
  task: Pick<TaskRecord, 'id'>,
  leaseOwner: string,
  progress: { videos?: StoredVideo[]; now: number; leaseUntil: number },
): Promise<boolean> {
  return updateLeased(executor, task.id, leaseOwner, {
    ...(progress.videos ? { videos_json: JSON.stringify(progress.videos) } : {}),
    lease_until: progress.leaseUntil,
    updated_at: progress.now,
  });
}

/** A copy into storage failed: counted, and tried again at `nextCheckAt`. */
export function scheduleCopyRetry(
  executor: Executor,
  task: Pick<TaskRecord, 'id' | 'storeAttempts'>,
  leaseOwner: string,
  retry: { now: number; nextCheckAt: number; videos: StoredVideo[] },
): Promise<boolean> {
  return updateLeased(executor, task.id, leaseOwner, {
    store_attempts: task.storeAttempts + 1,
    videos_json: JSON.stringify(retry.videos),
    updated_at: retry.now,
    ...released(retry.nextCheckAt),
  });
}

/** Marks a finished task's stored files deleted; true for the one caller that marked it. */
export async function markVideosDeleted(executor: Executor, id: string, now: number): Promise<boolean> {
  const result = await executor
    .updateTable('tasks')
    .set({ videos_deleted_at: now, video_urls_json: '[]', updated_at: now })
    .where('id', '=', id)
    .where('status', 'not in', openStatuses)
    .where('videos_deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks that the client asked to cancel (`at`), or takes the mark back (`at` null) when the provider
 * refused. A status check that sees the job stop reads this mark to tell a cancel from a failure.
 */
export function markCancelRequested(
  executor: Executor,
  id: string,
  mark: { at: number | null; now: number },
): Promise<boolean> {
  return updateOpen(executor, id, { cancel_requested_at: mark.at, updated_at: mark.now });
}

/** Brings an open task's next check forward to `now`; a webhook's way of saying "look now". */
export async function pullCheckForward(
  executor: Executor,
  id: string,
  now: number,
  windowMs: number,
): Promise<void> {
  await executor
    .updateTable('tasks')
    .set({ next_check_at: now, hint_pulled_at: now })
    .where('id', '=', id)
    // A task waiting for the turn a rate limit reserved keeps it: sooner would need another token.
    .where('rate_turn_at', 'is', null)
    .where('next_check_at', '>', now)
    // At most one pull per window: a flood of hints costs the upstream one read per window.
    .where((where) =>
      where.or([where('hint_pulled_at', 'is', null), where('hint_pulled_at', '<=', now - windowMs)]),
    )
    .execute();
}
