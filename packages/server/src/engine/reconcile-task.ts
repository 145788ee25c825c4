import type { WebhookEvent } from '@ads/provider';
import type { LedgerRow } from '../store/ledger-repository.js';
import {
  attachUpstreamJob,
  insertReconciliation,
  listUnconfirmedTasks,
  markUnconfirmedRefunded,
  noteUpstreamHint,
  type ReconciliationRow,
  unconfirmedSubmitCode,
} from '../store/task-reconciliation.js';
import type { TaskRecord } from '../store/task-record.js';
import { findTask, findTaskByUpstreamId } from '../store/task-repository.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError, notFound } from './gateway-error.js';
import { giveBackCredits } from './give-back-credits.js';
import { taskDeadlineMs } from './poll-schedule.js';

/**
 * Reconciling a submit whose outcome is unknown (ADR 0007). Such a task ends `failed` with
 * `upstream_unconfirmed` and its credits held. It is resolved once, with an audit row, either as
 * "nothing was billed" (refund, with a ledger entry) or as "it is this upstream job" (attach: the task
 * runs again and settles like any other, refund on a failure included).
 */

/** What reconciling needs of the engine: no runner, so `ads-server` can reconcile with the gateway down. */
export type ReconcileContext = Pick<
  EngineContext,
  'store' | 'registry' | 'metrics' | 'logger' | 'now' | 'wakeRunner' | 'minimumDeadlineMs'
>;

/** The reconcile queue, oldest first. */
export function unconfirmedTasks(context: ReconcileContext): Promise<TaskRecord[]> {
  return listUnconfirmedTasks(context.store.db);
}

export type ReconcileRequest =
  | { action: 'refund'; reason: string; actor: string }
  | { action: 'attach'; upstreamId: string; reason: string; actor: string };

export interface ReconcileResult {
  task: TaskRecord;
  reconciliation: ReconciliationRow;
  /** The refund entry, for a refund. */
  entry?: LedgerRow;
}

const notReconcilable = (task: TaskRecord) =>
  new GatewayError({
    code: 'task_not_reconcilable',
    message:
      task.reconciledAt !== null
        ? `Task ${task.id} was already reconciled.`
        : `Task ${task.id} is ${task.status}${task.error ? ` (${task.error.code})` : ''}, not an unconfirmed submit: only tasks failed with ${unconfirmedSubmitCode} are reconciled.`,
  });

export async function reconcileTask(
  context: ReconcileContext,
  taskId: string,
  request: ReconcileRequest,
): Promise<ReconcileResult> {
  const task = await findTask(context.store.db, taskId);
  if (!task) throw notFound(`No task "${taskId}".`);
  if (task.error?.code !== unconfirmedSubmitCode || task.reconciledAt !== null) throw notReconcilable(task);
  const result =
    request.action === 'refund'
      ? await refund(context, task, request)
      : await attach(context, task, request.upstreamId, request);
  if (!result) throw notReconcilable((await findTask(context.store.db, taskId)) ?? task);
  context.logger.info(
    { taskId, action: request.action, actor: request.actor, upstreamId: result.reconciliation.upstream_id },
    'unconfirmed task reconciled',
  );
  return result;
}

async function refund(
  context: ReconcileContext,
  task: TaskRecord,
  request: { reason: string; actor: string },
): Promise<ReconcileResult | undefined> {
  const now = context.now();
  const done = await context.store.transaction(async (executor) => {
    if (!(await markUnconfirmedRefunded(executor, task.id, now))) return undefined;
    const reconciliation = await insertReconciliation(executor, task.id, {
      action: 'refund',
      upstreamId: null,
      actor: request.actor,
      reason: request.reason,
      now,
    });
    const entry =
      task.credits > 0
        ? await giveBackCredits(executor, task, {
            kind: 'refund',
            amount: task.credits,
            note: `reconciled (${reconciliation.id}): ${request.reason}`,
            now,
          })
        : undefined;
    return { reconciliation, entry };
  });
  if (!done) return undefined;
  if (task.credits > 0) context.metrics.creditsRefunded.inc(task.credits);
  const current = (await findTask(context.store.db, task.id)) ?? task;
  return { task: current, reconciliation: done.reconciliation, ...(done.entry ? { entry: done.entry } : {}) };
}

/** Attaches the task to its upstream job; undefined when another caller reconciled it first. */
async function attach(
  context: ReconcileContext,
  task: TaskRecord,
  upstreamId: string,
  request: { reason: string; actor: string },
): Promise<ReconcileResult | undefined> {
  const provider = context.registry.requireConfigured(task.provider);
  const entry = context.registry.requireEntry(task.provider, task.model);
  if (!provider.operationFor) {
    throw new GatewayError({
      code: 'task_not_reconcilable',
      message: `Provider "${task.provider}" cannot track a job by its upstream id; refund the task instead.`,
    });
  }
  const owner = await findTaskByUpstreamId(context.store.db, task.provider, upstreamId);
  if (owner) {
    throw new GatewayError({
      code: 'task_not_reconcilable',
      message: `Upstream job ${upstreamId} already belongs to task ${owner.id}.`,
    });
  }
  const now = context.now();
  const operation = provider.operationFor(upstreamId, entry);
  const reconciliation = await context.store.transaction(async (executor) => {
    const won = await attachUpstreamJob(executor, task.id, {
      upstreamId,
      operation,
      now,
      deadlineAt: now + taskDeadlineMs(entry.typicalRunSeconds, context.minimumDeadlineMs),
    });
    if (!won) return undefined;
    return insertReconciliation(executor, task.id, {
      action: 'attach',
      upstreamId,
      actor: request.actor,
      reason: request.reason,
      now,
    });
  });
  if (!reconciliation) return undefined;
  context.wakeRunner();
  const current = (await findTask(context.store.db, task.id)) ?? task;
  return { task: current, reconciliation };
}

/**
 * A webhook for an upstream id no task has. The gateway names the task in every webhook URL it gives
 * (`?task=`), so when a submit's answer was lost, the job's own webhook says which task it is. A
 * verified webhook (fal's ED25519, kie's HMAC) attaches the task to the job at once; an unverified
 * one only leaves the id as a hint for the operator. True when the task was attached.
 */
export async function recoverFromWebhook(
  context: EngineContext,
  providerId: string,
  event: WebhookEvent,
  taskId: string | null,
): Promise<boolean> {
  if (!taskId) return false;
  const task = await findTask(context.store.db, taskId);
  if (!task || task.provider !== providerId || task.upstreamId !== null || task.reconciledAt !== null)
    return false;
  const unconfirmed =
    task.error?.code === unconfirmedSubmitCode ||
    (task.status === 'pending' && task.submittingSince !== null);
  if (!unconfirmed) return false;
  if (!event.verified) {
    await noteUpstreamHint(context.store.db, task.id, event.upstreamId);
    context.logger.warn(
      { taskId, upstreamId: event.upstreamId },
      'an unverified webhook names an upstream job for an unconfirmed task; left for the operator',
    );
    return false;
  }
  try {
    const result = await attach(context, task, event.upstreamId, {
      actor: 'webhook',
      reason: `the provider's verified webhook for ${event.upstreamId} names this task`,
    });
    return result !== undefined;
  } catch (error) {
    context.logger.warn({ taskId, err: error }, 'could not attach an unconfirmed task to its webhook');
    return false;
  }
}
