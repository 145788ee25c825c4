import { randomUUID } from 'node:crypto';
import type { Executor } from './store.js';

export interface AuditEvent {
  workspaceId: string;
  taskId: string | null;
  action: 'videos.deleted';
  /** `key:<id>` for a user's API key, `retention` for the sweep. */
  actor: string;
  details: Record<string, unknown>;
  now: number;
}

export async function appendAuditEvent(executor: Executor, event: AuditEvent): Promise<void> {
  await executor
    .insertInto('audit_events')
    .values({
      id: randomUUID(),
      workspace_id: event.workspaceId,
      task_id: event.taskId,
      action: event.action,
      actor: event.actor,
      details_json: JSON.stringify(event.details),
      created_at: event.now,
    })
    .execute();
}
