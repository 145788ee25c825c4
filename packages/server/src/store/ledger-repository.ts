import { randomUUID } from 'node:crypto';
import type { LedgerKind, LedgerTable } from './database.js';
import type { Executor } from './store.js';

export type LedgerRow = Omit<LedgerTable, 'sequence'> & { sequence: number };

export interface NewLedgerEntry {
  workspaceId: string;
  kind: LedgerKind;
  /** Signed: negative for a reserve. */
  amount: number;
  taskId?: string | null;
  note?: string | null;
  now: number;
}

/**
 * Appends to the ledger and moves the cached balance by the same amount, in the caller's
 * transaction. The ledger is never updated or deleted from.
 */
export async function appendLedgerEntry(executor: Executor, entry: NewLedgerEntry): Promise<LedgerRow> {
  const row = await executor
    .insertInto('ledger')
    .values({
      id: `le_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      workspace_id: entry.workspaceId,
      kind: entry.kind,
      amount: entry.amount,
      task_id: entry.taskId ?? null,
      note: entry.note ?? null,
      created_at: entry.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await executor
    .updateTable('workspaces')
    .set((builder) => ({ balance: builder('balance', '+', entry.amount) }))
    .where('id', '=', entry.workspaceId)
    .execute();
  return row as LedgerRow;
}

/**
 * Takes `amount` credits from the workspace if its balance covers them: one conditional update,
 * so two concurrent reserves can never both spend the same credits. Returns false when short.
 */
export async function reserveCredits(
  executor: Executor,
  reserve: { workspaceId: string; taskId: string; amount: number; now: number },
): Promise<boolean> {
  if (reserve.amount > 0) {
    const result = await executor
      .updateTable('workspaces')
      .set((builder) => ({ balance: builder('balance', '-', reserve.amount) }))
      .where('id', '=', reserve.workspaceId)
      .where('balance', '>=', reserve.amount)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
  }
  await executor
    .insertInto('ledger')
    .values({
      id: `le_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      workspace_id: reserve.workspaceId,
      kind: 'reserve',
      amount: -reserve.amount,
      task_id: reserve.taskId,
      note: null,
      created_at: reserve.now,
    })
    .execute();
  return true;
}

export function listLedger(executor: Executor, workspaceId: string): Promise<LedgerRow[]> {
  return executor
    .selectFrom('ledger')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('sequence')
    .execute() as Promise<LedgerRow[]>;
}

/** The ledger's own sum, to check the cached balance against. */
export async function ledgerSum(executor: Executor, workspaceId: string): Promise<number> {
  const row = await executor
    .selectFrom('ledger')
    .select((builder) => builder.fn.coalesce(builder.fn.sum<number>('amount'), builder.lit(0)).as('total'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** A page of a workspace's ledger, newest first; `before` is the sequence the previous page ended at. */
export function pageLedger(
  executor: Executor,
  page: {
    workspaceId: string;
    before?: number | undefined;
    kind?: LedgerKind | undefined;
    taskId?: string | undefined;
    limit: number;
  },
): Promise<LedgerRow[]> {
  let query = executor.selectFrom('ledger').selectAll().where('workspace_id', '=', page.workspaceId);
  if (page.before !== undefined) query = query.where('sequence', '<', page.before);
  if (page.kind) query = query.where('kind', '=', page.kind);
  if (page.taskId) query = query.where('task_id', '=', page.taskId);
  return query.orderBy('sequence', 'desc').limit(page.limit).execute() as Promise<LedgerRow[]>;
}
