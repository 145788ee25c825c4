import { AdsError } from './errors/ads-error.js';
import { WaitTimeoutError } from './errors/wait-timeout-error.js';
import { mintIdempotencyKey } from './idempotency.js';
import type { ActionTaskResult, actionsResource, GenerateAndWaitInput } from './resources/actions.js';
import { contractFacts } from './routes.generated.js';
import { abortError, sleep } from './sleep.js';
import { canStream, type StreamSettings, StreamUnavailable, taskStream } from './task-stream.js';

export interface WaitProgress {
  task: ActionTaskResult;
  /** Since generateAndWait was called. */
  elapsedMs: number;
}

export interface WaitOptions {
  /** How long to wait for the task to end (default 600000 ms). */
  timeoutMs?: number;
  /** Stops waiting (and any request in flight). The task keeps running. */
  signal?: AbortSignal;
  /** Called on every change the task's event stream reports, or after every status read when polling (and, for generateAndWait, after the create). */
  onProgress?: (progress: WaitProgress) => void;
  /**
   * Follows the task's server-sent events (`GET /v1/tasks/{id}/events`) where the runtime can read a
   * streamed body, and polls where it cannot or the stream breaks (default true). false: always poll.
   */
  stream?: boolean;
  /** When polling, the first pause between status reads (default 1000 ms); it grows by half each time. */
  pollIntervalMs?: number;
  /** The longest pause between status reads (default 10000 ms). */
  maxPollIntervalMs?: number;
  /** The workspace the task belongs to, when it is not the key's own. */
  workspaceId?: string;
}

export interface GenerateAndWaitOptions extends Omit<WaitOptions, 'workspaceId'> {
  /** Default: `input.timeoutMs`, else 600000 ms. */
  timeoutMs?: number;
  /** The create's idempotency key; pass the same one again to resume instead of paying twice. */
  idempotencyKey?: string;
}

type Actions = ReturnType<typeof actionsResource>;

const isTerminal = (task: ActionTaskResult) => contractFacts.terminalTaskStatuses.includes(task.status);

interface WaitContext extends WaitOptions {
  startedAt?: number;
  /** How the client opens event streams; without it the wait polls. */
  streams?: StreamSettings;
}

/**
 * Waits for a task to end and returns it whatever its status: on its event stream while that works,
 * then (or else) by reading it with growing pauses. Throws WaitTimeoutError (with the task id) when
 * `timeoutMs` passes first.
 */
export async function waitForTask(
  actions: Actions,
  start: ActionTaskResult,
  options: WaitContext = {},
): Promise<ActionTaskResult> {
  const startedAt = options.startedAt ?? Date.now();
  const timeoutMs = options.timeoutMs ?? contractFacts.defaultWaitTimeoutMs;
  let task = start;
  const report = (next: ActionTaskResult) => {
    task = next;
    options.onProgress?.({ task, elapsedMs: Date.now() - startedAt });
  };
  try {
    if (options.streams && options.stream !== false && canStream() && !isTerminal(task)) {
      await followStream(options.streams, task, { ...options, startedAt, timeoutMs }, report);
    }
    let pauseMs = options.pollIntervalMs ?? 1000;
    while (!isTerminal(task)) {
      const remainingMs = startedAt + timeoutMs - Date.now();
      if (remainingMs <= 0) throw new WaitTimeoutError(task, timeoutMs);
      await sleep(Math.min(pauseMs, remainingMs), options.signal);
      report(
        await actions.query(
          { taskId: task.taskId, workspaceId: options.workspaceId },
          { signal: options.signal },
        ),
      );
      pauseMs = Math.min(pauseMs * 1.5, options.maxPollIntervalMs ?? 10_000);
    }
  } catch (error) {
    if (AdsError.isInstance(error)) error.taskId ??= task.taskId;
    throw error;
  }
  return task;
}

/**
 * Reports every event of the task's stream until the terminal one. A stream that ends early (the
 * gateway restarted) is resumed after its last event; one that cannot be opened or keeps ending
 * empty hands over to polling by returning.
 */
async function followStream(
  streams: StreamSettings,
  start: ActionTaskResult,
  options: WaitOptions & { startedAt: number; timeoutMs: number },
  report: (task: ActionTaskResult) => void,
): Promise<void> {
  let task = start;
  let lastEventId: string | undefined;
  for (let emptyEnds = 0; emptyEnds < 3 && !isTerminal(task); ) {
    const remainingMs = options.startedAt + options.timeoutMs - Date.now();
    if (remainingMs <= 0) throw new WaitTimeoutError(task, options.timeoutMs);
    const deadline = AbortSignal.timeout(remainingMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    let received = false;
    try {
      for await (const event of taskStream(streams, task.taskId, {
        workspaceId: options.workspaceId,
        lastEventId,
        signal,
      })) {
        lastEventId = event.id;
        received = true;
        task = event.task;
        report(task);
      }
    } catch (error) {
      if (options.signal?.aborted) throw abortError(options.signal);
      if (deadline.aborted) throw new WaitTimeoutError(task, options.timeoutMs);
      if (error instanceof StreamUnavailable) return;
      throw error;
    }
    emptyEnds = received ? 0 : emptyEnds + 1;
    if (!isTerminal(task)) await sleep(Math.min(500, remainingMs), options.signal);
  }
}

/**
 * Creates the task once (one idempotency key for every retry of that create), then waits for it
 * with `waitForTask`.
 */
export async function generateAndWait(
  actions: Actions,
  input: GenerateAndWaitInput,
  options: GenerateAndWaitOptions & { streams?: StreamSettings } = {},
): Promise<ActionTaskResult> {
  const startedAt = Date.now();
  const { timeoutMs: inputTimeoutMs, ...createInput } = input;
  const task = await actions.generate(createInput, {
    signal: options.signal,
    idempotencyKey: options.idempotencyKey ?? mintIdempotencyKey(),
  });
  options.onProgress?.({ task, elapsedMs: Date.now() - startedAt });
  return waitForTask(actions, task, {
    ...options,
    timeoutMs: options.timeoutMs ?? inputTimeoutMs,
    workspaceId: input.workspaceId,
    startedAt,
  });
}
