import type { TaskRecord } from '../store/task-record.js';
import { markCancelRequested, pullCheckForward } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError } from './gateway-error.js';
import { settleTask } from './settle-task.js';

const canceledAtRequest = { code: 'canceled', message: 'Canceled at your request.' };

function notCancelable(task: TaskRecord, message: string): GatewayError {
  return new GatewayError({
    code: 'task_not_cancelable',
    message,
    details: { taskId: task.id, status: task.status },
  });
}

/**
 * Cancels a task and settles it by what the provider confirms: a task that never reached the provider
 * is canceled and refunded here; a running one is canceled upstream, and refunded only when the
 * provider confirms it will not bill. Otherwise the task keeps running and settles as it ends.
 */
export async function cancelTask(
  context: EngineContext,
  task: TaskRecord,
  signal?: AbortSignal,
): Promise<TaskRecord> {
  if (task.status !== 'pending' && task.status !== 'running') {
    throw notCancelable(task, `Task ${task.id} already ended (${task.status}); there is nothing to cancel.`);
  }
  if (task.upstreamVideos !== null) {
    throw notCancelable(
      task,
      `Task ${task.id} already finished upstream (and is charged); its video is being stored and it succeeds in a moment.`,
    );
  }
  if (task.operation === null) {
    if (task.submittingSince !== null) {
      throw notCancelable(task, `Task ${task.id} is being submitted right now; try again in a few seconds.`);
    }
    return (await settleTask(context, task, { status: 'canceled', error: canceledAtRequest, refund: true }))
      .task;
  }
  const provider = context.registry.requireConfigured(task.provider);
  // Marked before the provider hears of it: a status check that sees the job stop (fal reports a
  // canceled request as failed) must find the mark, or it would settle the task as failed.
  const requestedAt = context.now();
  await markCancelRequested(context.store.db, task.id, { at: requestedAt, now: requestedAt });
  const unmark = () =>
    markCancelRequested(context.store.db, task.id, { at: task.cancelRequestedAt, now: context.now() });
  let outcome: Awaited<ReturnType<typeof provider.cancel>>;
  try {
    // Aborted if the client goes away: the mark is taken back and the task keeps running.
    outcome = await provider.cancel(task.operation, { signal });
    context.metrics.upstreamCalls.inc({ provider: task.provider, operation: 'cancel', outcome });
  } catch (error) {
    await unmark();
    throw new GatewayError({
      code: 'upstream_error',
      message: `${task.provider} did not answer the cancel request; the task keeps running. Try again later.`,
      cause: error,
    });
  }
  if (outcome === 'canceled') {
    return (await settleTask(context, task, { status: 'canceled', error: canceledAtRequest, refund: true }))
      .task;
  }
  if (outcome === 'unsupported') {
    await unmark();
    throw notCancelable(
      task,
      `${task.provider} cannot cancel a job once it started; task ${task.id} runs to its end and is charged.`,
    );
  }
  if (outcome === 'too-late') await unmark();
  await pullCheckForward(context.store.db, task.id, context.now(), 0);
  context.wakeRunner();
  if (outcome === 'too-late') {
    throw notCancelable(task, `Task ${task.id} is already finishing upstream; it will settle in a moment.`);
  }
  // 'requested': the provider will stop it if it still can; its final status decides the refund.
  return { ...task, cancelRequestedAt: requestedAt, updatedAt: requestedAt };
}
