import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@ads/provider';
import type { ReconcileAction, TaskReconciliationsTable } from './database.js';
import type { Executor } from './store.js';
import { type TaskRecord, toTaskRecord } from './task-record.js';

/**
 * Tasks whose submit is unconfirmed: the gateway cannot tell whether the provider created (and
 * bills) the job. They end `failed` with this code, the credits held, until a reconciliation
 * resolves them: a refund, or the upstream job they turned out to be (then they run again).
 */
export const unconfirmedSubmitCode = 'upstream_unconfirmed';

export type ReconciliationRow = TaskReconciliationsTable;

/** Unconfirmed tasks not yet reconciled, oldest first: the operator's reconcile queue. */
export async function listUnconfirmedTasks(executor: Executor, limit = 500): Promise<TaskRecord[]> {
  const rows = await executor
    .selectFrom('tasks')
    .selectAll()
    .where('status', '=', 'failed')
    .where('error_code', '=', unconfirmedSubmitCode)
    .where('reconciled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toTaskRecord);
}

export async function findReconciliation(
  executor: Executor,
  taskId: string,
): Promise<ReconciliationRow | undefined> {
  return executor
    .selectFrom('task_reconciliations')
    .selectAll()
    .where('task_id', '=', taskId)
    .executeTakeFirst();
}

export interface Reconciliation {
  action: ReconcileAction;
  actor: string;
  reason: string;
  now: number;
}

/** The audit row; its unique task_id index is the last guard that a task is reconciled once. */
export async function insertReconciliation(
  executor: Executor,
  taskId: string,
  reconciliation: Reconciliation & { upstreamId: string | null },
): Promise<ReconciliationRow> {
  const row: ReconciliationRow = {
    id: `rc_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    task_id: taskId,
    action: reconciliation.action,
    upstream_id: reconciliation.upstreamId,
    actor: reconciliation.actor,
    reason: reconciliation.reason,
    created_at: reconciliation.now,
  };
  await executor.insertInto('task_reconciliations').values(row).execute();
  return row;
}

/**
 * Resolves an unconfirmed task as "nothing was billed": marks it reconciled and refunded. The
 * compare-and-swap on "unconfirmed, not yet reconciled" lets exactly one caller win; only the winner
 * may write the refund entry (in the same transaction).
 */
export async function markUnconfirmedRefunded(executor: Executor, id: string, now: number): Promise<boolean> {
  const result = await executor
    .updateTable('tasks')
    .set({ reconciled_at: now, refunded: 1, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .where('error_code', '=', unconfirmedSubmitCode)
    .where('reconciled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface AttachedJob {
  upstreamId: string;
  operation: JsonValue;
  now: number;
  /** The gateway waits for the job until then: a fresh model deadline from now. */
  deadlineAt: number;
}

/**
 * The unconfirmed submit did create `upstreamId`: the task runs again, tracked like any other, and
 * settles from the upstream's answer. It applies to a task failed as unconfirmed and not yet
 * reconciled, or to one still marked as submitting with no upstream id (a crash the runner has not
 * reached yet). Exactly one caller wins.
 */
export async function attachUpstreamJob(executor: Executor, id: string, job: AttachedJob): Promise<boolean> {
  const result = await executor
    .updateTable('tasks')
    .set({
      status: 'running',
      upstream_id: job.upstreamId,
      operation_json: JSON.stringify(job.operation),
      error_code: null,
      error_message: null,
      finished_at: null,
      submitting_since: null,
      submitted_at: job.now,
      reconciled_at: job.now,
      deadline_at: job.deadlineAt,
      updated_at: job.now,
      next_check_at: job.now,
      lease_owner: null,
      lease_until: null,
      rate_turn_at: null,
    })
    .where('id', '=', id)
    .where('upstream_id', 'is', null)
    .where('reconciled_at', 'is', null)
    .where((builder) =>
      builder.or([
        builder.and([builder('status', '=', 'failed'), builder('error_code', '=', unconfirmedSubmitCode)]),
        builder.and([builder('status', '=', 'pending'), builder('submitting_since', 'is not', null)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Notes an upstream id someone reported for an unconfirmed task, unverified, for the operator. */
export async function noteUpstreamHint(executor: Executor, id: string, upstreamId: string): Promise<void> {
  await executor
    .updateTable('tasks')
    .set({ upstream_hint: upstreamId })
    .where('id', '=', id)
    .where('upstream_id', 'is', null)
    .execute();
}
