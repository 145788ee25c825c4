import type { SceneId, TaskStatus } from '@ads/contract';
import type { Updateable } from 'kysely';
import type { TasksTable } from './database.js';
import type { Executor, Store } from './store.js';
import { type TaskRecord, toTaskRecord } from './task-record.js';

export type TaskChanges = Updateable<TasksTable>;

const openStatuses: TaskStatus[] = ['pending', 'running'];

export async function insertTask(executor: Executor, row: TasksTable): Promise<void> {
  await executor.insertInto('tasks').values(row).execute();
}

export async function findTask(executor: Executor, id: string): Promise<TaskRecord | undefined> {
  const row = await executor.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTaskRecord(row);
}

export async function findTaskByIdempotencyKey(
  executor: Executor,
  workspaceId: string,
  idempotencyKey: string,
): Promise<TaskRecord | undefined> {
  const row = await executor
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row && toTaskRecord(row);
}

export async function findTaskByUpstreamId(
  executor: Executor,
  provider: string,
  upstreamId: string,
): Promise<TaskRecord | undefined> {
  const row = await executor
    .selectFrom('tasks')
    .selectAll()
    .where('provider', '=', provider)
    .where('upstream_id', '=', upstreamId)
    .executeTakeFirst();
  return row && toTaskRecord(row);
}

export interface TaskListFilter {
  workspaceId: string;
  status?: TaskStatus | undefined;
  scene?: SceneId | undefined;
  /** Tasks strictly older than this (created_at, id) position. */
  before?: { createdAt: number; id: string } | undefined;
  limit: number;
}

/** Newest first; one row more than the limit tells whether another page exists. */
export async function listTasks(executor: Executor, filter: TaskListFilter): Promise<TaskRecord[]> {
  let query = executor.selectFrom('tasks').selectAll().where('workspace_id', '=', filter.workspaceId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.scene) query = query.where('scene', '=', filter.scene);
  const before = filter.before;
  if (before) {
    query = query.where((builder) =>
      builder.or([
        builder('created_at', '<', before.createdAt),
        builder.and([builder('created_at', '=', before.createdAt), builder('id', '<', before.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toTaskRecord);
}

export interface ClaimRequest {
  /** Unique per claim: later writes are accepted only while this lease still holds. */
  leaseOwner: string;
  now: number;
  leaseMs: number;
  limit: number;
}

/**
 * Leases up to `limit` due tasks to the caller. On PostgreSQL the candidate rows are locked with
 * FOR UPDATE SKIP LOCKED, so instances claiming at once never get the same task; on SQLite the single
 * UPDATE statement is atomic across processes.
 */
export async function claimDueTasks(store: Store, claim: ClaimRequest): Promise<TaskRecord[]> {
  const { db } = store;
  let candidates = db
    .selectFrom('tasks')
    .select('id')
    .where('next_check_at', '<=', claim.now)
    .where((builder) =>
      builder.or([builder('lease_until', 'is', null), builder('lease_until', '<', claim.now)]),
    )
    .orderBy('next_check_at')
    .limit(claim.limit);
  if (store.engine === 'postgres') candidates = candidates.forUpdate().skipLocked();
  const rows = await db
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

/** Writes changes only while the caller still holds the task's lease. */
export async function updateLeasedTask(
  executor: Executor,
  task: Pick<TaskRecord, 'id'>,
  leaseOwner: string,
  changes: TaskChanges,
): Promise<boolean> {
  const result = await executor
    .updateTable('tasks')
    .set(changes)
    .where('id', '=', task.id)
    .where('lease_owner', '=', leaseOwner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The compare-and-swap that makes settling happen once: the move to a terminal state succeeds only
 * from an open state. Exactly one caller gets true; only that caller may write a refund.
 */
export async function updateOpenTask(executor: Executor, id: string, changes: TaskChanges): Promise<boolean> {
  const result = await executor
    .updateTable('tasks')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', openStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Brings an open task's next check forward to `now`; a webhook's way of saying "look now". */
export async function pullCheckForward(executor: Executor, id: string, now: number): Promise<void> {
  await executor
    .updateTable('tasks')
    .set({ next_check_at: now })
    .where('id', '=', id)
    .where('next_check_at', '>', now)
    .execute();
}

/** Which of these tasks have ended; the cross-instance wake-up for waiting requests. */
export async function endedTaskIds(executor: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await executor
    .selectFrom('tasks')
    .select('id')
    .where('id', 'in', ids)
    .where('status', 'not in', openStatuses)
    .execute();
  return rows.map((row) => row.id);
}

export async function countOpenTasks(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('tasks')
    .select((builder) => builder.fn.countAll<number>().as('count'))
    .where('status', 'in', openStatuses)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
