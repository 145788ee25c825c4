import { randomUUID } from 'node:crypto';
import type { WorkspacesTable } from './database.js';
import { appendLedgerEntry } from './ledger-repository.js';
import type { Executor } from './store.js';

export type WorkspaceRow = WorkspacesTable;

export interface NewWorkspace {
  name: string;
  /** Another workspace's owner, to share it; a new owner when absent. */
  ownerId?: string | undefined;
  credits: number;
  note?: string;
  now: number;
}

/** Writes a workspace and, when it starts with credits, the top-up that gives them. */
export async function insertWorkspace(executor: Executor, workspace: NewWorkspace): Promise<WorkspaceRow> {
  const row: WorkspaceRow = {
    id: `ws_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    name: workspace.name,
    owner_id: workspace.ownerId ?? `own_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    balance: 0,
    created_at: workspace.now,
  };
  await executor.insertInto('workspaces').values(row).execute();
  if (workspace.credits > 0) {
    await appendLedgerEntry(executor, {
      workspaceId: row.id,
      kind: 'top_up',
      amount: workspace.credits,
      note: workspace.note ?? 'starting credits',
      now: workspace.now,
    });
  }
  return { ...row, balance: workspace.credits };
}

export function findWorkspace(executor: Executor, id: string): Promise<WorkspaceRow | undefined> {
  return executor.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWorkspaceByName(executor: Executor, name: string): Promise<WorkspaceRow | undefined> {
  return executor
    .selectFrom('workspaces')
    .selectAll()
    .where('name', '=', name)
    .orderBy('created_at')
    .executeTakeFirst();
}

export function listWorkspaces(executor: Executor, ownerId?: string): Promise<WorkspaceRow[]> {
  let query = executor.selectFrom('workspaces').selectAll();
  if (ownerId) query = query.where('owner_id', '=', ownerId);
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function countWorkspaces(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('workspaces')
    .select((builder) => builder.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
