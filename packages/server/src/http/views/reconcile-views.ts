import type { ReconciliationView, UnconfirmedTask } from '@ads/contract';
import type { ReconciliationRow } from '../../store/task-reconciliation.js';
import type { TaskRecord } from '../../store/task-record.js';
import { iso, isoOrNull } from './times.js';

export function unconfirmedTaskView(task: TaskRecord): UnconfirmedTask {
  return {
    id: task.id,
    workspace_id: task.workspaceId,
    provider: task.provider,
    model: task.model,
    status: task.status,
    credits: task.credits,
    error: task.error,
    upstream_id: task.upstreamId,
    upstream_hint: task.upstreamHint,
    created_at: iso(task.createdAt),
    reconciled_at: isoOrNull(task.reconciledAt),
  };
}

export function reconciliationView(row: ReconciliationRow): ReconciliationView {
  return {
    id: row.id,
    task_id: row.task_id,
    action: row.action,
    upstream_id: row.upstream_id,
    actor: row.actor,
    reason: row.reason,
    created_at: iso(Number(row.created_at)),
  };
}
