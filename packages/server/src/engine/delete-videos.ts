import { appendAuditEvent } from '../store/audit-repository.js';
import type { TaskRecord } from '../store/task-record.js';
import { findTask } from '../store/task-repository.js';
import { markVideosDeleted } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError } from './gateway-error.js';

/**
 * Deletes a finished task's stored files, then marks the task and writes the audit record in one
 * transaction. The files go first: a crash in between leaves the task unmarked, and the next call
 * deletes again (deleting nothing is no error). Only the call that marks the task writes the record,
 * so repeated or concurrent deletions (a user's retries, the sweep on two instances) record one.
 */
export async function deleteTaskVideos(
  context: EngineContext,
  task: TaskRecord,
  actor: { kind: 'user'; credential: string } | { kind: 'retention' },
): Promise<TaskRecord> {
  if (task.status === 'pending' || task.status === 'running') {
    throw new GatewayError({
      code: 'task_not_finished',
      message: `Task ${task.id} is still ${task.status}; its videos can be deleted once it has ended.`,
      details: { taskId: task.id, status: task.status },
    });
  }
  if (task.videosDeletedAt !== null) return task;
  const keys = task.videos.flatMap((video) => (video.stored && video.key ? [video.key] : []));
  await Promise.all(keys.map((key) => context.storage.delete(key)));
  const now = context.now();
  const marked = await context.store.transaction(async (executor) => {
    const won = await markVideosDeleted(executor, task.id, now);
    if (won) {
      await appendAuditEvent(executor, {
        workspaceId: task.workspaceId,
        taskId: task.id,
        action: 'videos.deleted',
        actor: actor.kind === 'user' ? actor.credential : 'retention',
        details: {
          files: keys.length,
          bytes: task.videos.reduce((sum, video) => sum + (video.bytes ?? 0), 0),
        },
        now,
      });
    }
    return won;
  });
  if (marked) {
    context.metrics.videosDeleted.inc({ actor: actor.kind });
    context.logger.info({ taskId: task.id, files: keys.length, actor: actor.kind }, 'task videos deleted');
  }
  return (await findTask(context.store.db, task.id)) ?? task;
}

/**
 * One pass of retention: the stored videos of tasks that ended more than `retentionMs` ago are
 * deleted (at most `limit` tasks per pass). Returns how many tasks it handled.
 */
export async function sweepExpiredVideos(
  context: EngineContext,
  retentionMs: number,
  limit = 100,
): Promise<number> {
  const rows = await context.store.db
    .selectFrom('tasks')
    .select('id')
    .where('finished_at', '<', context.now() - retentionMs)
    .where('videos_deleted_at', 'is', null)
    .where('status', '=', 'success')
    .orderBy('finished_at')
    .limit(limit)
    .execute();
  let handled = 0;
  for (const { id } of rows) {
    const task = await findTask(context.store.db, id);
    if (!task) continue;
    await deleteTaskVideos(context, task, { kind: 'retention' });
    handled += 1;
  }
  return handled;
}
