import { randomUUID } from 'node:crypto';
import type { TaskStatus, WebhookEventType } from '@ads/contract';
import type { Executor } from '../../store/store.js';
import type { TaskRecord } from '../../store/task-record.js';
import { findTask } from '../../store/task-repository.js';
import { endpointsFor, insertDeliveries, type NewDelivery } from '../../store/webhook-repository.js';

const eventTypes: Partial<Record<TaskStatus, WebhookEventType>> = {
  running: 'video.task.running',
  success: 'video.task.succeeded',
  failed: 'video.task.failed',
  canceled: 'video.task.canceled',
};

/** Whether the event reports an end (its payload is the finished task, shown afresh on every attempt). */
export const isTerminalEvent = (type: string) => type !== 'video.task.running';

/** How a task looks in an event: the REST shape (the server's view, given to the engine). */
export type TaskEventView = (task: TaskRecord) => unknown;

/**
 * Queues the event a task's new state reports, for every endpoint of its workspace that takes it
 * and for the task's own callback (terminal events only). Called inside the transaction that made
 * the change, so the event exists exactly when the change does. Returns how many were queued.
 */
export async function queueTaskEvent(
  executor: Executor,
  changed: Pick<TaskRecord, 'id' | 'workspaceId' | 'callbackUrl'> & { status: TaskRecord['status'] },
  view: TaskEventView,
  now: number,
): Promise<number> {
  const type = eventTypes[changed.status];
  if (!type) return 0;
  const endpoints = await endpointsFor(executor, changed.workspaceId, type);
  const callback = changed.callbackUrl !== null && isTerminalEvent(type);
  if (endpoints.length === 0 && !callback) return 0;
  // The task as the change left it, read in the same transaction.
  const task = await findTask(executor, changed.id);
  if (!task) return 0;
  const eventId = `evt_${randomUUID().replaceAll('-', '')}`;
  const payload = { id: eventId, type, timestamp: new Date(now).toISOString(), data: view(task) };
  const base = { eventId, eventType: type, workspaceId: task.workspaceId, taskId: task.id, payload, now };
  const deliveries: NewDelivery[] = endpoints.map((endpoint) => ({
    ...base,
    endpointId: endpoint.id,
    url: endpoint.url,
    secret: null,
  }));
  if (callback && task.callbackUrl) {
    deliveries.push({ ...base, endpointId: null, url: task.callbackUrl, secret: task.callbackSecret });
  }
  await insertDeliveries(executor, deliveries);
  return deliveries.length;
}
