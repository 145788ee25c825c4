import type { JobStatus } from '@ads/provider';
import type { TaskRecord } from '../store/task-record.js';
import { findTask } from '../store/task-repository.js';
import type { EngineContext } from './engine-context.js';
import { settleTask } from './settle-task.js';

/**
 * Settles a task from a terminal upstream status (read by a poll or carried by a verified webhook).
 * An upstream failure is definite, so the credits go back; a failure after the client asked to
 * cancel is the cancel taking effect.
 */
export async function settleFromStatus(
  context: EngineContext,
  task: TaskRecord,
  status: Exclude<JobStatus, { state: 'pending' }>,
): Promise<TaskRecord> {
  if (status.state === 'success') {
    const videoUrls = status.videos.map((video) => video.url);
    if (videoUrls.length === 0) {
      return (
        await settleTask(context, task, {
          status: 'failed',
          error: {
            code: 'upstream_no_output',
            message: 'The provider reported success but returned no video.',
          },
          refund: true,
        })
      ).task;
    }
    return (await settleTask(context, task, { status: 'success', videoUrls })).task;
  }
  // A check that began before a cancel holds an old record: read the cancel mark afresh.
  const cancelRequestedAt =
    task.cancelRequestedAt ?? (await findTask(context.store.db, task.id))?.cancelRequestedAt ?? null;
  const canceled = cancelRequestedAt !== null;
  return (
    await settleTask(context, task, {
      status: canceled ? 'canceled' : 'failed',
      error: canceled
        ? { code: 'canceled', message: `Canceled at your request (${status.message}).` }
        : { code: status.code, message: status.message },
      refund: true,
    })
  ).task;
}
