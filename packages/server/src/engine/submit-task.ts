import type { VideoProvider } from '@ads/provider';
import { noteUpstreamHint, unconfirmedSubmitCode } from '../store/task-reconciliation.js';
import type { TaskRecord } from '../store/task-record.js';
import { findTask } from '../store/task-repository.js';
import { markRunning, markSubmitting, scheduleSubmitRetry } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';
import { nextCheckDelayMs, retryDelayMs } from './poll-schedule.js';
import { withinRateLimit } from './rate-turn.js';
import { settleTask } from './settle-task.js';
import { deliverUploadedInputs, UndeliverableFileError } from './uploaded-files.js';
import { classifySubmitFailure } from './upstream-outcome.js';
import { queueTaskEvent } from './webhooks/task-event-outbox.js';

/**
 * Sends a pending task to its provider, once. The caller holds the task's lease. Before the request
 * goes on the wire the task is marked as submitting, so that a crash mid-submit is recognised later
 * as "outcome unknown" rather than silently submitted twice.
 *
 * The submit is aborted only by the gateway's shutdown once its grace has run out (`context.shutdown`):
 * not by a client that goes away, and not at the start of a stop, because an aborted submit leaves
 * open whether the provider created (and bills) the job.
 */
/**
 * Where the upstream reports the job: the provider's webhook route, naming the task. Should the
 * submit's answer be lost, a verified webhook for an unknown upstream id then says which task it
 * belongs to (see reconcile-task.ts).
 */
export function taskWebhookUrl(context: EngineContext, task: Pick<TaskRecord, 'id' | 'provider'>) {
  if (!context.webhookBaseUrl) return undefined;
  return `${context.webhookBaseUrl}/webhooks/${encodeURIComponent(task.provider)}?task=${encodeURIComponent(task.id)}`;
}

export async function submitTask(context: EngineContext, task: TaskRecord): Promise<TaskRecord> {
  const { store, registry } = context;
  const provider = registry.requireConfigured(task.provider);
  const entry = registry.requireEntry(task.provider, task.model);
  const limit = provider.rateLimits?.submit;
  // Over the upstream's limit nothing is sent: the task waits, pending, for its turn.
  if (
    !(await withinRateLimit(
      context,
      task,
      task.leaseOwner ?? '',
      limit && { key: `${task.provider}:submit`, limit },
    ))
  ) {
    return (await findTask(store.db, task.id)) ?? task;
  }
  const input = await inputForSubmit(context, task, provider);
  if (!input) return (await findTask(store.db, task.id)) ?? task;
  const now = context.now();
  const marked = await markSubmitting(store.db, task, { now, leaseUntil: now + context.submitLeaseMs });
  if (!marked) return (await findTask(store.db, task.id)) ?? task;
  const webhookUrl = taskWebhookUrl(context, task);
  try {
    const started = await provider.start({
      entry,
      scene: task.modelScene,
      input,
      signal: context.shutdown,
      ...(webhookUrl ? { webhookUrl } : {}),
    });
    context.metrics.upstreamCalls.inc({ provider: task.provider, operation: 'submit', outcome: 'ok' });
    const acceptedAt = context.now();
    await markTaskRunning(context, task, {
      upstreamId: started.upstreamId,
      operation: started.operation,
      now: acceptedAt,
      nextCheckAt:
        acceptedAt +
        nextCheckDelayMs({
          typicalRunSeconds: entry.typicalRunSeconds,
          sinceSubmitMs: 0,
          webhooks: webhookUrl !== undefined,
          random: context.random(),
          reportsProgress: entry.reportsProgress,
          scale: context.pollScale,
        }),
    });
    context.logger.info({ taskId: task.id, upstreamId: started.upstreamId }, 'task submitted');
  } catch (error) {
    const failure = classifySubmitFailure(error);
    context.metrics.upstreamCalls.inc({
      provider: task.provider,
      operation: 'submit',
      outcome: failure.kind,
    });
    context.logger.warn({ taskId: task.id, err: error, outcome: failure.kind }, 'submit failed');
    // The job's own webhook may have named it meanwhile (a lost answer, recovered): it is tracked now.
    const current = await findTask(store.db, task.id);
    if (current?.upstreamId) return current;
    const failedAt = context.now();
    if (failure.kind === 'retry' && failedAt - task.createdAt < context.submitDeadlineMs) {
      await retrySubmitLater(context, task, failedAt, failure.retryAfterSeconds);
    } else if (failure.kind === 'unknown') {
      await settleTask(context, task, {
        status: 'failed',
        error: { code: unconfirmedSubmitCode, message: failure.message },
        refund: false,
      });
      if (failure.upstreamHint) await noteUpstreamHint(store.db, task.id, failure.upstreamHint);
    } else {
      const rejection =
        failure.kind === 'rejected'
          ? failure
          : {
              code: 'upstream_unavailable',
              message: 'The provider kept refusing the job; nothing was created.',
            };
      await settleTask(context, task, {
        status: 'failed',
        error: { code: rejection.code, message: rejection.message },
        refund: true,
      });
    }
  }
  return (await findTask(store.db, task.id)) ?? task;
}

function retrySubmitLater(
  context: EngineContext,
  task: TaskRecord,
  failedAt: number,
  retryAfterSeconds: number | undefined,
) {
  return scheduleSubmitRetry(context.store.db, task.id, {
    now: failedAt,
    nextCheckAt:
      failedAt +
      retryDelayMs(task.submitAttempts + 1, context.random(), retryAfterSeconds, context.pollScale),
  });
}

/**
 * The input the provider is sent: uploaded files replaced by URLs it can fetch (an upload to its own
 * storage, perhaps). Nothing is submitted yet, so a failure bills nothing: a passing one is retried
 * like a refused submit; a file that is gone, or an upload past the deadline, fails the task with
 * its refund. Undefined when the task was settled or rescheduled here.
 */
async function inputForSubmit(
  context: EngineContext,
  task: TaskRecord,
  provider: VideoProvider,
): Promise<Record<string, unknown> | undefined> {
  try {
    return await deliverUploadedInputs(context, task, provider);
  } catch (error) {
    context.logger.warn({ taskId: task.id, err: error }, 'uploaded input not delivered');
    const failedAt = context.now();
    const passing = !(error instanceof UndeliverableFileError) && !context.shutdown.aborted;
    if (passing && failedAt - task.createdAt < context.submitDeadlineMs) {
      await retrySubmitLater(context, task, failedAt, undefined);
      return undefined;
    }
    await settleTask(context, task, {
      status: 'failed',
      error: {
        code: 'input_not_delivered',
        message: `An uploaded input could not be handed to ${task.provider}: ${error instanceof Error ? error.message : String(error)}`,
      },
      refund: true,
    });
    return undefined;
  }
}

/** The upstream accepted the job: the task runs, and its `video.task.running` event is queued with it. */
async function markTaskRunning(
  context: EngineContext,
  task: TaskRecord,
  accepted: Parameters<typeof markRunning>[2],
): Promise<void> {
  let queued = 0;
  const marked = await context.store.transaction(async (executor) => {
    const won = await markRunning(executor, task.id, accepted);
    if (won) {
      queued = await queueTaskEvent(
        executor,
        { ...task, status: 'running' },
        context.taskEventView,
        accepted.now,
      );
    }
    return won;
  });
  if (!marked) return;
  context.events.changed(task.id, 'running');
  if (queued > 0) context.deliveriesQueued();
}
