import type { TaskError } from '@ads/contract';
import { settledCredits } from '../pricing/price-basis.js';
import type { StoredVideo, TaskRecord } from '../store/task-record.js';
import { findTask } from '../store/task-repository.js';
import { settleOpenTask } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';
import { giveBackCredits } from './give-back-credits.js';
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
  // A length left open was reserved at its longest: the success charges what was delivered.
  const charged =
    settlement.status === 'success'
      ? settledCredits(
          task.priceBasis,
          task.credits,
          settlement.videos.map((video) => video.durationSeconds),
        )
      : undefined;
  let queued = 0;
  const settled = await context.store.transaction(async (executor) => {
    const won = await settleOpenTask(
      executor,
      task.id,
      settlement.status === 'success'
        ? { status: 'success', videos: settlement.videos, credits: charged, now }
        : { status: settlement.status, error: settlement.error, refunded: refund, now },
    );
    if (won && refund) {
      await giveBackCredits(executor, task, {
        kind: 'refund',
        amount: task.credits,
        note: settlement.error.code,
        now,
      });
    }
    if (won && charged !== undefined) {
      await giveBackCredits(executor, task, {
        kind: 'adjust',
        amount: task.credits - charged,
        note: `delivered length: ${charged} of the ${task.credits} credits reserved`,
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
    if (charged !== undefined) context.metrics.creditsAdjusted.inc(task.credits - charged);
    context.logger.info({ taskId: task.id, status: settlement.status, refunded: refund }, 'task settled');
    context.events.changed(task.id, settlement.status);
    if (queued > 0) context.deliveriesQueued();
  }
  const current = (await findTask(context.store.db, task.id)) ?? task;
  return { task: current, settled };
}
