import type { TaskError } from '@ads/contract';
import { appendLedgerEntry } from '../store/ledger-repository.js';
import type { TaskRecord } from '../store/task-record.js';
import { findTask, updateOpenTask } from '../store/task-repository.js';
import type { EngineContext } from './engine-context.js';

export type Settlement =
  | { status: 'success'; videoUrls: string[] }
  | { status: 'failed' | 'canceled'; error: TaskError; refund: boolean };

/**
 * Moves an open task to its terminal state, once. The compare-and-swap on the row decides the one
 * winner among webhooks, polls, instances and cancels; only the winner writes the refund, in the
 * same transaction. Returns the task as it stands afterwards and whether this call settled it.
 */
export async function settleTask(
  context: EngineContext,
  task: TaskRecord,
  settlement: Settlement,
): Promise<{ task: TaskRecord; settled: boolean }> {
  const now = context.now();
  const refund = settlement.status !== 'success' && settlement.refund && task.credits > 0;
  const settled = await context.store.transaction(async (executor) => {
    const won = await updateOpenTask(executor, task.id, {
      status: settlement.status,
      video_urls_json: JSON.stringify(settlement.status === 'success' ? settlement.videoUrls : []),
      error_code: settlement.status === 'success' ? null : settlement.error.code,
      error_message: settlement.status === 'success' ? null : settlement.error.message,
      progress: settlement.status === 'success' ? 100 : task.progress,
      refunded: refund ? 1 : 0,
      finished_at: now,
      updated_at: now,
      next_check_at: null,
      lease_owner: null,
      lease_until: null,
      submitting_since: null,
    });
    if (won && refund) {
      await appendLedgerEntry(executor, {
        workspaceId: task.workspaceId,
        kind: 'refund',
        amount: task.credits,
        taskId: task.id,
        note: settlement.error.code,
        now,
      });
    }
    return won;
  });
  if (settled) {
    context.metrics.tasksSettled.inc({ provider: task.provider, status: settlement.status });
    if (refund) context.metrics.creditsRefunded.inc(task.credits);
    context.logger.info({ taskId: task.id, status: settlement.status, refunded: refund }, 'task settled');
    context.events.emitEnded(task.id);
  }
  const current = (await findTask(context.store.db, task.id)) ?? task;
  return { task: current, settled };
}
