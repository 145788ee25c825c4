import type { StoredVideo, TaskRecord } from '../store/task-record.js';
import { recordCopyProgress, releaseLease, scheduleCopyRetry } from '../store/task-transitions.js';
import { CopyError, copyVideo, storageError } from './copy-video.js';
import type { EngineContext } from './engine-context.js';
import { retryDelayMs } from './poll-schedule.js';
import { settleTask } from './settle-task.js';

/** A provider's 4xx for its own file is retried this many times (a CDN may lag), then given up. */
const goneAttempts = 3;

/**
 * The step between an upstream's success and the task's: every delivered video is copied into
 * storage (one at a time; each one kept as soon as it is copied, so a crash repeats only the copy
 * it interrupted), then the task succeeds. A failed copy is retried with backoff until the storage
 * deadline; past it, or when retrying cannot help, the video keeps the provider's link
 * (`stored: false` with the reason) and the task still succeeds: a user never loses a result
 * because storage was down. The caller holds the lease `leaseOwner`; it is stretched while a copy
 * runs, and a copy stops if the lease is lost (another instance then owns the task).
 */
export async function storeVideos(
  context: EngineContext,
  task: TaskRecord,
  leaseOwner: string,
  signal?: AbortSignal,
): Promise<void> {
  const delivered = task.upstreamVideos ?? [];
  const videos: StoredVideo[] = [...task.videos];
  for (const [index, video] of delivered.entries()) {
    if (videos.some((kept) => kept.index === index)) continue;
    const lease = holdLease(context, task, leaseOwner, signal);
    try {
      const stored = await copyVideo(context, task, index, video, lease.signal);
      videos.push(stored);
      context.metrics.videosStored.inc({ provider: task.provider });
      context.metrics.videoBytesStored.inc(stored.bytes ?? 0);
      if (!(await keep(context, task, leaseOwner, videos))) return;
    } catch (error) {
      if (signal?.aborted)
        return void (await releaseLease(context.store.db, task, leaseOwner, context.now()));
      if (lease.lost()) return;
      const failure = asCopyError(error);
      if (!givesUp(context, task, failure)) return retryLater(context, task, leaseOwner, videos, failure);
      videos.push(unstored(index, video.url, video.contentType, failure));
      context.metrics.videosUnstored.inc({ provider: task.provider, reason: unstoredReason(failure) });
      context.logger.error(
        { taskId: task.id, index, err: failure },
        'video not stored: the task keeps the provider’s link',
      );
    } finally {
      lease.stop();
    }
  }
  videos.sort((a, b) => a.index - b.index);
  await settleTask(context, task, { status: 'success', videos });
}

function asCopyError(error: unknown): CopyError {
  return error instanceof CopyError ? error : storageError(error);
}

function givesUp(context: EngineContext, task: TaskRecord, failure: CopyError): boolean {
  if (failure.final) return true;
  if (failure.gone && task.storeAttempts + 1 >= goneAttempts) return true;
  return context.now() >= (task.storingSince ?? task.updatedAt) + context.storing.deadlineMs;
}

const unstoredReason = (failure: CopyError) =>
  failure.final ? 'refused' : failure.gone ? 'gone_upstream' : 'deadline';

function unstored(
  index: number,
  url: string,
  contentType: string | undefined,
  failure: CopyError,
): StoredVideo {
  const why =
    unstoredReason(failure) === 'deadline'
      ? `The copy into the gateway’s storage kept failing until its deadline (last: ${failure.message}).`
      : `The gateway could not copy this video (${failure.message}).`;
  return {
    index,
    sourceUrl: url,
    stored: false,
    contentType: contentType ?? 'video/mp4',
    reason: `${why} This link is the provider’s own and expires there.`,
  };
}

async function keep(
  context: EngineContext,
  task: TaskRecord,
  leaseOwner: string,
  videos: StoredVideo[],
): Promise<boolean> {
  const now = context.now();
  return recordCopyProgress(context.store.db, task, leaseOwner, {
    videos,
    now,
    leaseUntil: now + context.leaseMs,
  });
}

async function retryLater(
  context: EngineContext,
  task: TaskRecord,
  leaseOwner: string,
  videos: StoredVideo[],
  failure: CopyError,
): Promise<void> {
  context.metrics.videoCopyFailures.inc({ provider: task.provider, side: failure.side });
  context.logger.warn(
    { taskId: task.id, attempt: task.storeAttempts + 1, err: failure },
    'copying a video into storage failed; retrying later',
  );
  const now = context.now();
  const delay = retryDelayMs(
    Math.min(task.storeAttempts + 1, 6),
    context.random(),
    undefined,
    context.pollScale,
  );
  await scheduleCopyRetry(context.store.db, task, leaseOwner, { now, nextCheckAt: now + delay, videos });
}

/**
 * Keeps the task's lease while a copy runs (a gigabyte takes longer than one lease): renewed every
 * third of it. The returned signal aborts the copy when the runner stops or the lease was lost.
 */
function holdLease(context: EngineContext, task: TaskRecord, leaseOwner: string, signal?: AbortSignal) {
  const controller = new AbortController();
  let lost = false;
  const abort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', abort, { once: true });
  const timer = setInterval(
    () => {
      const now = context.now();
      recordCopyProgress(context.store.db, task, leaseOwner, { now, leaseUntil: now + context.leaseMs })
        .then((held) => {
          if (held) return;
          lost = true;
          controller.abort(new Error('the task’s lease was lost'));
        })
        .catch((error: unknown) =>
          context.logger.warn({ taskId: task.id, err: error }, 'lease renewal failed'),
        );
    },
    Math.max(250, Math.floor(context.leaseMs / 3)),
  );
  timer.unref();
  return {
    signal: controller.signal,
    lost: () => lost,
    stop() {
      clearInterval(timer);
      signal?.removeEventListener('abort', abort);
    },
  };
}
