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

export interface GenerateAndWaitOptions {
  /** How long to wait for the task to end (default `input.timeoutMs`, else 600000). */
  timeoutMs?: number;
  /** Stops waiting (and any request in flight). The task, once created, keeps running. */
  signal?: AbortSignal;
  /** Called after the create and after every status read. */
  onProgress?: (progress: WaitProgress) => void;
  /** The first pause between status reads (default 1000 ms); it grows by half each time. */
  pollIntervalMs?: number;
  /** The longest pause between status reads (default 10000 ms). */
  maxPollIntervalMs?: number;
  /** The create's idempotency key; pass the same one again to resume instead of paying twice. */
  idempotencyKey?: string;
}

/**
 * Creates the task once (one idempotency key for every retry of that create), then reads it with
 * growing pauses until it ends. Returns the ended task, whatever its status; throws
 * WaitTimeoutError (with the task id) when `timeoutMs` passes first.
 */
export async function generateAndWait(
  actions: ReturnType<typeof actionsResource>,
  input: GenerateAndWaitInput,
  options: GenerateAndWaitOptions = {},
): Promise<ActionTaskResult> {
  const startedAt = Date.now();
  const { timeoutMs: inputTimeoutMs, ...createInput } = input;
  const timeoutMs = options.timeoutMs ?? inputTimeoutMs ?? contractFacts.defaultWaitTimeoutMs;
  const { signal, onProgress } = options;
  const report = (task: ActionTaskResult) => onProgress?.({ task, elapsedMs: Date.now() - startedAt });

  let task = await actions.generate(createInput, {
    signal,
    idempotencyKey: options.idempotencyKey ?? mintIdempotencyKey(),
  });
  report(task);
  let pauseMs = options.pollIntervalMs ?? 1000;
  try {
    while (!contractFacts.terminalTaskStatuses.includes(task.status)) {
      const remainingMs = startedAt + timeoutMs - Date.now();
      if (remainingMs <= 0) throw new WaitTimeoutError(task, timeoutMs);
      await sleep(Math.min(pauseMs, remainingMs), signal);
      task = await actions.query({ taskId: task.taskId, workspaceId: input.workspaceId }, { signal });
      report(task);
      pauseMs = Math.min(pauseMs * 1.5, options.maxPollIntervalMs ?? 10_000);
    }
  } catch (error) {
    if (AdsError.isInstance(error)) error.taskId ??= task.taskId;
    throw error;
  }
  return task;
}
