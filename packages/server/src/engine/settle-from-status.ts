import type { JobStatus } from '@ads/provider';
import type { TaskRecord } from '../store/task-record.js';
import { findTask } from '../store/task-repository.js';
import { recordDelivery } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';
import { settleTask } from './settle-task.js';
import { storeVideos } from './store-videos.js';

/**
 * Settles a task from a terminal upstream status (read by a poll or carried by a verified webhook).
 * An upstream failure is definite, so the credits go back; a failure after the client asked to
 * cancel is the cancel taking effect. A success is recorded as a delivery: the videos are copied
 * into storage before the task succeeds, at once by a caller holding the task's lease
 * (`leaseOwner`, the runner), or else by the runner, woken now.
 */
export async function settleFromStatus(
  context: EngineContext,
  task: TaskRecord,
  status: Exclude<JobStatus, { state: 'pending' }>,
  leased?: { leaseOwner: string; signal?: AbortSignal | undefined },
): Promise<TaskRecord> {
  if (status.state === 'success') {
    if (status.videos.length === 0) {
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
    const delivered = await recordDelivery(context.store.db, task.id, {
      videos: status.videos,
      now: context.now(),
    });
    if (delivered) context.events.changed(task.id, task.status);
    const current = (await findTask(context.store.db, task.id)) ?? task;
    const storing =
      current.upstreamVideos !== null && (current.status === 'pending' || current.status === 'running');
    if (storing && leased && current.leaseOwner === leased.leaseOwner) {
      await storeVideos(context, current, leased.leaseOwner, leased.signal);
      return (await findTask(context.store.db, task.id)) ?? current;
    }
    if (storing) context.wakeRunner();
    return current;
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
