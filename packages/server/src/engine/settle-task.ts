import type { TaskError } from '@ads/contract';
import { appendLedgerEntry } from '../store/ledger-repository.js';
import type { StoredVideo, TaskRecord } from '../store/task-record.js';
import { findTask } from '../store/task-repository.js';
import { settleOpenTask } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';
import { queueTaskEvent } from './webhooks/task-event-outbox.js';

export type Settlement =
  | { status: 'success'; videos: StoredVideo[] }
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
  let queued = 0;
  const settled = await context.store.transaction(async (executor) => {
    const won = await settleOpenTask(
      executor,
      task.id,
      settlement.status === 'success'
        ? { status: 'success', videos: settlement.videos, now }
        : { status: settlement.status, error: settlement.error, refunded: refund, now },
    );
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
    if (won) {
      // The event is written with the change it reports: a crash can neither lose nor invent it.
      queued = await queueTaskEvent(
        executor,
        { ...task, status: settlement.status },
        context.taskEventView,
        now,
      );
    }
    return won;
  });
  if (settled) {
    context.metrics.tasksSettled.inc({ provider: task.provider, status: settlement.status });
    if (refund) context.metrics.creditsRefunded.inc(task.credits);
    context.logger.info({ taskId: task.id, status: settlement.status, refunded: refund }, 'task settled');
    context.events.changed(task.id, settlement.status);
    if (queued > 0) context.deliveriesQueued();
  }
  const current = (await findTask(context.store.db, task.id)) ?? task;
  return { task: current, settled };
}
