import type { SceneId, TaskStatus } from '@ads/contract';
import type SqliteDatabase from 'better-sqlite3';
import type { TasksTable } from './database.js';
import type { Executor, Store } from './store.js';
import { type TaskRecord, toTaskRecord } from './task-record.js';

/** The task repository's reads; every change of a task's state is in `task-transitions.ts`. */

const openStatuses: TaskStatus[] = ['pending', 'running'];

export async function findTask(executor: Executor, id: string): Promise<TaskRecord | undefined> {
  const row = await executor.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTaskRecord(row);
}

const taskById = new WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement<[string], TasksTable>>();

/**
 * One task by id, outside any transaction: the hottest read (clients poll it). On SQLite it is a
 * statement prepared once per database and run by the driver directly, without building the query.
 */
export async function readTask(store: Store, id: string): Promise<TaskRecord | undefined> {
  const { sqlite } = store;
  if (!sqlite) return findTask(store.db, id);
  let statement = taskById.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare<[string], TasksTable>('select * from tasks where id = ?');
    taskById.set(sqlite, statement);
  }
  const row = statement.get(id);
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
  model?: string | undefined;
  /** Created at or after this time (ms). */
  createdFrom?: number | undefined;
  /** Created before this time (ms). */
  createdBefore?: number | undefined;
  /** Tasks strictly past this (created_at, id) position, in the listing's order. */
  after?: { createdAt: number; id: string } | undefined;
  /** Newest first (the default) or oldest first. */
  order?: 'desc' | 'asc';
  limit: number;
}

/** Newest first unless asked otherwise; one row more than the limit tells whether another page exists. */
export async function listTasks(executor: Executor, filter: TaskListFilter): Promise<TaskRecord[]> {
  let query = executor.selectFrom('tasks').selectAll().where('workspace_id', '=', filter.workspaceId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.scene) query = query.where('scene', '=', filter.scene);
  if (filter.model) query = query.where('model', '=', filter.model);
  if (filter.createdFrom !== undefined) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
  const order = filter.order ?? 'desc';
  const past = order === 'desc' ? '<' : '>';
  const after = filter.after;
  if (after) {
    query = query.where((builder) =>
      builder.or([
        builder('created_at', past, after.createdAt),
        builder.and([builder('created_at', '=', after.createdAt), builder('id', past, after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('created_at', order).orderBy('id', order).limit(filter.limit).execute();
  return rows.map(toTaskRecord);
}

/** Which of these tasks have ended; the cross-instance wake-up for waiting requests. */
/** Which of these tasks have ended. */
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

/** The status and progress of each of these tasks that exists: what the change sweep compares. */
export async function taskStates(
  executor: Executor,
  ids: readonly string[],
): Promise<{ id: string; status: TaskStatus; progress: number | null }[]> {
  if (ids.length === 0) return [];
  const rows = await executor
    .selectFrom('tasks')
    .select(['id', 'status', 'progress'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((row) => ({ id: row.id, status: row.status as TaskStatus, progress: row.progress }));
}

/** When the next scheduled check falls due after `now` (null when none is): how long the runner may sleep. */
export async function nextCheckAfter(executor: Executor, now: number): Promise<number | null> {
  const row = await executor
    .selectFrom('tasks')
    .select('next_check_at')
    .where('next_check_at', '>', now)
    .orderBy('next_check_at')
    .limit(1)
    .executeTakeFirst();
  return row?.next_check_at == null ? null : Number(row.next_check_at);
}

export async function countOpenTasks(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('tasks')
    .select((builder) => builder.fn.countAll<number>().as('count'))
    .where('status', 'in', openStatuses)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A succeeded task of this provider in the workspace whose videos include `videoUrl` (an extend's source). */
export async function findTaskByVideoUrl(
  executor: Executor,
  source: { workspaceId: string; provider: string; videoUrl: string },
): Promise<TaskRecord | undefined> {
  const quoted = JSON.stringify(source.videoUrl);
  const rows = await executor
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', source.workspaceId)
    .where('provider', '=', source.provider)
    .where('status', '=', 'success')
    .where('video_urls_json', 'like', `%${quoted.replace(/[\\%_]/g, (character) => `\\${character}`)}%`)
    .limit(10)
    .execute();
  return rows.map(toTaskRecord).find((task) => task.videoUrls.includes(source.videoUrl));
}
