import { unconfirmedSubmitCode } from '../store/task-reconciliation.js';
import type { TaskRecord } from '../store/task-record.js';
import { checkTask } from './check-task.js';
import type { EngineContext } from './engine-context.js';
import { settleTask } from './settle-task.js';
import { storeVideos } from './store-videos.js';
import { submitTask } from './submit-task.js';

/**
 * The runner's one step for a claimed task: a delivered one has its videos copied into storage, a
 * task that never reached its provider is submitted, one
 * whose submit was interrupted (the process died with the request on the wire) is failed without a
 * refund for an operator to reconcile, and a running one gets a status check. The caller holds the
 * lease `leaseOwner`; `signal` aborts the check's upstream calls when the runner stops.
 */
export async function processDueTask(
  context: EngineContext,
  task: TaskRecord,
  leaseOwner: string,
  signal?: AbortSignal,
): Promise<void> {
  // The upstream delivered: what is left is the copy into storage (never a deadline, cancel or refund).
  if (task.upstreamVideos !== null) return storeVideos(context, task, leaseOwner, signal);
  if (task.operation !== null) return checkTask(context, task, leaseOwner, signal);
  if (task.submittingSince === null) {
    await submitTask(context, task);
    return;
  }
  await settleTask(context, task, {
    status: 'failed',
    error: {
      code: unconfirmedSubmitCode,
      message:
        'The gateway stopped while submitting this task, so it is unknown whether the provider accepted it. The credits stay reserved until an operator reconciles the task.',
    },
    refund: false,
  });
}
