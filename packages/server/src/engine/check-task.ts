import type { VideoProvider } from '@ads/provider';
import { UpstreamHttpError } from '@ads/provider';
import { persistentReadFailures } from '../metrics.js';
import type { TaskRecord } from '../store/task-record.js';
import { releaseLease, scheduleNextCheck } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';
import { nextCheckDelayMs, retryDelayMs } from './poll-schedule.js';
import { settleFromStatus } from './settle-from-status.js';
import { settleTask } from './settle-task.js';

/**
 * One look at a running task: read its upstream status (one read: the engine, not the adapter,
 * decides when to read again), then settle it or schedule the next look. Past its deadline the
 * gateway stops waiting instead. The caller holds the lease `leaseOwner`.
 */
export async function checkTask(
  context: EngineContext,
  task: TaskRecord,
  leaseOwner: string,
  signal?: AbortSignal,
): Promise<void> {
  const provider = context.registry.requireConfigured(task.provider);
  if (context.now() >= task.deadlineAt) {
    await giveUp(context, provider, task, leaseOwner, signal);
    return;
  }
  try {
    const status = await provider.status(task.operation, { signal });
    context.metrics.upstreamCalls.inc({ provider: task.provider, operation: 'status', outcome: 'ok' });
    if (status.state !== 'pending') {
      await settleFromStatus(context, task, status, { leaseOwner, signal });
      return;
    }
    const now = context.now();
    const entry = context.registry.entry(task.provider, task.model);
    const progress = status.progress === undefined ? undefined : Math.round(status.progress);
    const looked = await scheduleNextCheck(context.store.db, task, leaseOwner, {
      now,
      readFailures: 0,
      progress,
      queuePosition: status.queuePosition ?? null,
      nextCheckAt:
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
    });
    // Watchers (SSE streams) are told of a change they can see.
    if (looked && progress !== undefined && progress !== task.progress)
      context.events.changed(task.id, task.status);
  } catch (error) {
    // A read the runner aborted (it is stopping) is given back at once, for whoever runs next.
    if (signal?.aborted) return giveBack(context, task, leaseOwner);
    // A read that failed says nothing about the job: look again later, never fail the task for it.
    // The upstream's Retry-After is honoured as given.
    context.metrics.upstreamCalls.inc({ provider: task.provider, operation: 'status', outcome: 'error' });
    const readFailures = task.readFailures + 1;
    reportReadFailure(context, task, error, readFailures);
    const now = context.now();
    const retryAfter = UpstreamHttpError.isInstance(error) ? error.retryAfterSeconds : undefined;
    await scheduleNextCheck(context.store.db, task, leaseOwner, {
      now,
      readFailures,
      nextCheckAt:
        now + retryDelayMs(Math.min(task.checkCount + 1, 6), context.random(), retryAfter, context.pollScale),
    });
  }
}

/**
 * A failed read says nothing about the job, but reads that keep failing (fal refusing a finished
 * job's result after a key rotation, say) mean a job may be done and billed while the gateway cannot
 * see it: the operator is told, once on the metric and on every failure after it in the log.
 */
function reportReadFailure(context: EngineContext, task: TaskRecord, error: unknown, readFailures: number) {
  const details = { taskId: task.id, provider: task.provider, readFailures, err: error };
  if (readFailures < persistentReadFailures) {
    context.logger.warn(details, 'status read failed; retrying later');
    return;
  }
  if (readFailures === persistentReadFailures) {
    const code = UpstreamHttpError.isInstance(error) ? error.code : 'error';
    context.metrics.statusReadsFailing.inc({ provider: task.provider, code });
  }
  context.logger.error(
    details,
    'status reads keep failing: the job may be finished (and billed) upstream; check the provider key and account',
  );
}

/**
 * Past the deadline the gateway stops waiting. It asks the provider to cancel; the credits go back
 * only if the provider confirms it will not bill.
 */
async function giveUp(
  context: EngineContext,
  provider: VideoProvider,
  task: TaskRecord,
  leaseOwner: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const outcome = await provider.cancel(task.operation, { signal }).catch(() => 'requested' as const);
  if (signal?.aborted) return giveBack(context, task, leaseOwner);
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

/** Gives a task whose look the runner aborted back unlooked-at, due now, for whoever runs next. */
async function giveBack(context: EngineContext, task: TaskRecord, leaseOwner: string): Promise<void> {
  await releaseLease(context.store.db, task, leaseOwner, context.now());
}
