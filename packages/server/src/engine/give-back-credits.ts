import { returnKeySpend } from '../store/key-limit-repository.js';
import { appendLedgerEntry, type LedgerRow } from '../store/ledger-repository.js';
import type { Executor } from '../store/store.js';
import type { TaskRecord } from '../store/task-record.js';

/**
 * Gives part or all of a task's reserve back, in the caller's transaction: the ledger entry (one per
 * task and kind, the store's unique index says so) and the key's spend in the task's period.
 */
export async function giveBackCredits(
  executor: Executor,
  task: Pick<TaskRecord, 'id' | 'workspaceId' | 'apiKeyId' | 'createdAt'>,
  entry: { kind: 'refund' | 'adjust'; amount: number; note: string; now: number },
): Promise<LedgerRow> {
  const row = await appendLedgerEntry(executor, {
    workspaceId: task.workspaceId,
    kind: entry.kind,
    amount: entry.amount,
    taskId: task.id,
    note: entry.note,
    now: entry.now,
  });
  if (task.apiKeyId) {
    await returnKeySpend(executor, {
      keyId: task.apiKeyId,
      taskCreatedAt: task.createdAt,
      amount: entry.amount,
    });
  }
  return row;
}
