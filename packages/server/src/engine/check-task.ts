import type { VideoProvider } from '@ads/provider';
import { UpstreamHttpError } from '@ads/provider';
import type { TaskRecord } from '../store/task-record.js';
import { updateLeasedTask } from '../store/task-repository.js';
import { applyTerminalStatus } from './apply-job-status.js';
import type { EngineContext } from './engine-context.js';
import { nextCheckDelayMs, retryDelayMs } from './poll-schedule.js';
import { settleTask } from './settle-task.js';
import { submitTask, unconfirmedSubmitCode } from './submit-task.js';

/**
 * One look at a claimed task: submit it if it never reached the provider, read its upstream status
 * otherwise, and either settle it or schedule the next look. The caller holds the lease `leaseOwner`.
 */
export async function checkTask(context: EngineContext, task: TaskRecord, leaseOwner: string): Promise<void> {
  if (task.operation === null) {
    if (task.submittingSince !== null) {
      await settleTask(context, task, {
        status: 'failed',
        error: {
          code: unconfirmedSubmitCode,
          message:
            'The gateway stopped while submitting this task, so it is unknown whether the provider accepted it. The credits stay reserved until an operator reconciles the task.',
        },
        refund: false,
      });
      return;
    }
    await submitTask(context, task);
    return;
  }
  const provider = context.registry.configured(task.provider);
  if (context.now() >= task.deadlineAt) {
    await giveUp(context, provider, task);
    return;
  }
  try {
    const status = await provider.status(task.operation);
    context.metrics.upstreamCalls.inc({ provider: task.provider, operation: 'status', outcome: 'ok' });
    if (status.state !== 'pending') {
      await applyTerminalStatus(context, task, status);
      return;
    }
    const now = context.now();
    const entry = context.registry.entry(task.provider, task.model);
    await updateLeasedTask(context.store.db, task, leaseOwner, {
      progress: status.progress === undefined ? task.progress : Math.round(status.progress),
      queue_position: status.queuePosition ?? null,
      check_count: task.checkCount + 1,
      updated_at: now,
      next_check_at:
        now +
        nextCheckDelayMs({
          typicalRunSeconds: entry?.typicalRunSeconds ?? 60,
          sinceSubmitMs: now - (task.submittedAt ?? task.createdAt),
          webhooks: context.webhookBaseUrl !== undefined,
          random: context.random(),
          progress: status.progress,
          reportsProgress: entry?.reportsProgress,
          scale: context.pollScale,
        }),
      lease_owner: null,
      lease_until: null,
    });
  } catch (error) {
    // A read that failed says nothing about the job: look again later, never fail the task for it.
    context.metrics.upstreamCalls.inc({ provider: task.provider, operation: 'status', outcome: 'error' });
    context.logger.warn({ taskId: task.id, err: error }, 'status read failed; retrying later');
    const now = context.now();
    const retryAfter = UpstreamHttpError.isInstance(error) ? error.retryAfterSeconds : undefined;
    await updateLeasedTask(context.store.db, task, leaseOwner, {
      check_count: task.checkCount + 1,
      updated_at: now,
      next_check_at:
        now + retryDelayMs(Math.min(task.checkCount + 1, 6), context.random(), retryAfter, context.pollScale),
      lease_owner: null,
      lease_until: null,
    });
  }
}

/**
 * Past the deadline the gateway stops waiting. It asks the provider to cancel; the credits go back
 * only if the provider confirms it will not bill.
 */
async function giveUp(context: EngineContext, provider: VideoProvider, task: TaskRecord): Promise<void> {
  const outcome = await provider.cancel(task.operation ?? null).catch(() => 'requested' as const);
  const confirmed = outcome === 'canceled';
  await settleTask(context, task, {
    status: 'failed',
    error: {
      code: 'deadline_exceeded',
      message: confirmed
        ? 'The provider did not finish in time; the job was canceled and the credits refunded.'
        : 'The provider did not finish in time and could not confirm a cancel, so the credits stay charged.',
    },
    refund: confirmed,
  });
}
