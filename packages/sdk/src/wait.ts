import { AdsError } from './errors/ads-error.js';
import { WaitTimeoutError } from './errors/wait-timeout-error.js';
import { mintIdempotencyKey } from './idempotency.js';
import type { ActionTaskResult, actionsResource, GenerateAndWaitInput } from './resources/actions.js';
import { contractFacts } from './routes.generated.js';
import { sleep } from './sleep.js';

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
  /** Called after every status read (and, for generateAndWait, after the create). */
  onProgress?: (progress: WaitProgress) => void;
  /** The first pause between status reads (default 1000 ms); it grows by half each time. */
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

/**
 * Reads a task with growing pauses until it ends, and returns it whatever its status. Throws
 * WaitTimeoutError (with the task id) when `timeoutMs` passes first.
 */
export async function waitForTask(
  actions: Actions,
  start: ActionTaskResult,
  options: WaitOptions & { startedAt?: number } = {},
): Promise<ActionTaskResult> {
  const startedAt = options.startedAt ?? Date.now();
  const timeoutMs = options.timeoutMs ?? contractFacts.defaultWaitTimeoutMs;
  let task = start;
  let pauseMs = options.pollIntervalMs ?? 1000;
  try {
    while (!contractFacts.terminalTaskStatuses.includes(task.status)) {
      const remainingMs = startedAt + timeoutMs - Date.now();
      if (remainingMs <= 0) throw new WaitTimeoutError(task, timeoutMs);
      await sleep(Math.min(pauseMs, remainingMs), options.signal);
      task = await actions.query(
        { taskId: task.taskId, workspaceId: options.workspaceId },
        { signal: options.signal },
      );
      options.onProgress?.({ task, elapsedMs: Date.now() - startedAt });
      pauseMs = Math.min(pauseMs * 1.5, options.maxPollIntervalMs ?? 10_000);
    }
  } catch (error) {
    if (AdsError.isInstance(error)) error.taskId ??= task.taskId;
    throw error;
  }
  return task;
}

/**
 * Creates the task once (one idempotency key for every retry of that create), then waits for it
 * with `waitForTask`.
 */
export async function generateAndWait(
  actions: Actions,
  input: GenerateAndWaitInput,
  options: GenerateAndWaitOptions = {},
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
