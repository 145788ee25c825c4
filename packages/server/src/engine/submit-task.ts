import type { TaskRecord } from '../store/task-record.js';
import { findTask, updateOpenTask } from '../store/task-repository.js';
import type { EngineContext } from './engine-context.js';
import { nextCheckDelayMs, retryDelayMs } from './poll-schedule.js';
import { settleTask } from './settle-task.js';
import { classifySubmitFailure } from './upstream-outcome.js';

export const unconfirmedSubmitCode = 'upstream_unconfirmed';

/**
 * Sends a pending task to its provider, once. The caller holds the task's lease. Before the request
 * goes on the wire the task is marked as submitting, so that a crash mid-submit is recognised later
 * as "outcome unknown" rather than silently submitted twice.
 */
export async function submitTask(context: EngineContext, task: TaskRecord): Promise<TaskRecord> {
  const { store, registry } = context;
  const provider = registry.configured(task.provider);
  const entry = registry.entry(task.provider, task.model);
  if (!entry) throw new Error(`Model ${task.provider}/${task.model} left the catalog`);
  const startedAt = context.now();
  const marked = await updateOpenTask(store.db, task.id, {
    submitting_since: startedAt,
    submit_attempts: task.submitAttempts + 1,
    updated_at: startedAt,
  });
  if (!marked) return (await findTask(store.db, task.id)) ?? task;
  const webhookUrl = context.webhookBaseUrl
    ? `${context.webhookBaseUrl}/webhooks/${encodeURIComponent(task.provider)}`
    : undefined;
  try {
    const started = await provider.start({
      entry,
      scene: task.modelScene as never,
      input: task.input,
      ...(webhookUrl ? { webhookUrl } : {}),
    });
    context.metrics.upstreamCalls.inc({ provider: task.provider, operation: 'submit', outcome: 'ok' });
    const now = context.now();
    await updateOpenTask(store.db, task.id, {
      status: 'running',
      upstream_id: started.upstreamId,
      operation_json: JSON.stringify(started.operation),
      submitting_since: null,
      submitted_at: now,
      updated_at: now,
      next_check_at:
        now +
        nextCheckDelayMs({
          typicalRunSeconds: entry.typicalRunSeconds,
          sinceSubmitMs: 0,
          webhooks: webhookUrl !== undefined,
          random: context.random(),
          reportsProgress: entry.reportsProgress,
          scale: context.pollScale,
        }),
      lease_owner: null,
      lease_until: null,
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
    const now = context.now();
    if (failure.kind === 'retry' && now - task.createdAt < context.submitDeadlineMs) {
      await updateOpenTask(store.db, task.id, {
        submitting_since: null,
        updated_at: now,
        next_check_at:
          now +
          retryDelayMs(
            task.submitAttempts + 1,
            context.random(),
            failure.retryAfterSeconds,
            context.pollScale,
          ),
        lease_owner: null,
        lease_until: null,
      });
    } else if (failure.kind === 'unknown') {
      await settleTask(context, task, {
        status: 'failed',
        error: { code: unconfirmedSubmitCode, message: failure.message },
        refund: false,
      });
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
