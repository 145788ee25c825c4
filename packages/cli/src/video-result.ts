import path from 'node:path';
import type { CliVideoResult } from '@ads/contract';
import type { ActionTaskResult, WaitProgress } from '@ads/sdk';
import type { CommandContext } from './command.js';
import { exitCodes } from './exit-codes.js';
import { CliFailure } from './failure.js';
import { startStatusLine } from './status-line.js';

/** What `--json` prints for a video task: the contract's CLI result, the shape of the CLI & API guide. */
export function videoDocument(task: ActionTaskResult, localPath?: string): CliVideoResult {
  return {
    taskId: task.taskId,
    status: task.status,
    videoUrl: task.videoUrl,
    ...(localPath ? { localPath } : {}),
    url: task.url,
    provider: task.provider,
    model: task.model,
    ...(task.error ? { error: task.error } : {}),
  };
}

/** The state in words for the status line: `running · 40% · task <id>` (the whole id: it is what `video query` takes). */
export function describeState(task: ActionTaskResult): string {
  const progress = task.progress === null || task.progress === undefined ? '' : ` · ${task.progress}%`;
  return `${task.status}${progress} · task ${task.taskId}`;
}

export function resumeHint(taskId: string): string {
  return `It keeps running. Resume waiting with: ads video query --task-id ${taskId} --wait`;
}

export function timeoutFailure(task: ActionTaskResult, timeoutMs: number): CliFailure {
  const message = `Task ${task.taskId} is still ${task.status} after ${timeoutMs} ms.`;
  return new CliFailure({
    message,
    code: 'wait_timeout',
    exitCode: exitCodes.timeout,
    hint: resumeHint(task.taskId),
    document: {
      ...videoDocument(task),
      error: { code: 'wait_timeout', message: `${message} ${resumeHint(task.taskId)}` },
    },
  });
}

function size(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.ceil(bytes / 1000)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

async function save(
  context: CommandContext,
  url: string,
  out: string,
  sha256: string | null | undefined,
): Promise<void> {
  const { download } = await import('@ads/sdk/node');
  // Byte counts change with every chunk: worth a redrawn line on a terminal, not a line each elsewhere.
  const status = context.printer.live ? startStatusLine(context.printer, `downloading ${out}`) : undefined;
  try {
    // Checked against the digest the gateway recorded when it stored the file.
    const { bytes } = await download(url, path.resolve(context.cwd, out), {
      sha256: sha256 ?? null,
      onProgress: ({ receivedBytes, totalBytes }) =>
        status?.update(
          totalBytes
            ? `${size(receivedBytes)} of ${size(totalBytes)} (${Math.floor((receivedBytes / totalBytes) * 100)}%)`
            : size(receivedBytes),
        ),
    });
    status?.stop();
    context.printer.note(`downloaded ${size(bytes)} to ${out}${sha256 ? ' (SHA-256 checked)' : ''}`);
  } catch (error) {
    status?.stop();
    throw error;
  }
}

/**
 * Prints a task the way every video command does: downloads the first video to `--out` when it
 * succeeded, answers exit code 4 when it failed or was canceled.
 */
export async function reportVideo(context: CommandContext, task: ActionTaskResult): Promise<void> {
  const out = context.options.out as string | undefined;
  if (task.status === 'failed' || task.status === 'canceled') {
    throw new CliFailure({
      message: `Task ${task.taskId} ${task.status}: ${task.error?.message ?? 'no reason given'}`,
      code: task.error?.code ?? `task_${task.status}`,
      exitCode: exitCodes.taskFailed,
      hint:
        task.status === 'failed'
          ? 'Credits are refunded when the provider confirms the failure (see `ads account`).'
          : undefined,
      document: videoDocument(task),
    });
  }
  const saved = task.status === 'success' && out && task.videoUrl ? out : undefined;
  if (saved && task.videoUrl) await save(context, task.videoUrl, saved, task.videos?.[0]?.sha256);
  context.printer.result(videoDocument(task, saved), () =>
    [
      `${task.status}  task ${task.taskId}  ${task.provider}/${task.model}`,
      task.videoUrl ? `video: ${task.videoUrl}` : '',
      saved ? `saved: ${saved}` : '',
      task.status === 'success' ? '' : `Read it again with: ads video query --task-id ${task.taskId}`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/**
 * Runs a wait with the status line up, and turns the SDK's WaitTimeoutError into the CLI's
 * timeout failure (exit code 5, the resume command).
 */
export async function waitWithStatus(
  context: CommandContext,
  wait: (onProgress: (progress: WaitProgress) => void) => Promise<ActionTaskResult>,
): Promise<ActionTaskResult> {
  const status = startStatusLine(context.printer, 'video');
  let seen: ActionTaskResult | undefined;
  // Ctrl-C leaves the task running on the gateway: say which one, and how to pick the wait up again.
  const interrupted = () => {
    status.stop();
    context.printer.failure(interruptedFailure(context, seen));
    process.exit(exitCodes.interrupted);
  };
  process.once('SIGINT', interrupted);
  try {
    return await wait((progress) => {
      seen = progress.task;
      status.update(describeState(progress.task));
    });
  } catch (error) {
    const { WaitTimeoutError } = await import('@ads/sdk');
    if (WaitTimeoutError.isInstance(error)) throw timeoutFailure(error.task, error.timeoutMs);
    throw error;
  } finally {
    process.off('SIGINT', interrupted);
    status.stop();
  }
}

/** What an interrupted wait prints: the whole task id and the command that resumes it. */
function interruptedFailure(context: CommandContext, task: ActionTaskResult | undefined): CliFailure {
  if (!task) {
    return new CliFailure({
      message: 'Interrupted before the gateway named the task.',
      code: 'interrupted',
      exitCode: exitCodes.interrupted,
      hint: '`ads video list` shows whether it was created.',
    });
  }
  const out = context.options.out as string | undefined;
  const resume = `ads video query --task-id ${task.taskId} --wait${out ? ` --out ${out}` : ''}`;
  const message = `Interrupted: task ${task.taskId} is ${task.status} and keeps running on the gateway.`;
  return new CliFailure({
    message,
    code: 'interrupted',
    exitCode: exitCodes.interrupted,
    hint: `Resume waiting with: ${resume}`,
    document: {
      ...videoDocument(task),
      error: { code: 'interrupted', message: `${message} Resume waiting with: ${resume}` },
    },
  });
}

/** `--timeout` is in milliseconds; a value that reads like seconds gets a note saying so. */
export function noteMilliseconds(context: CommandContext, timeoutMs: unknown): void {
  if (typeof timeoutMs !== 'number' || timeoutMs <= 0 || timeoutMs >= 1000) return;
  context.printer.note(
    `ads: --timeout ${timeoutMs} is in milliseconds (${timeoutMs / 1000} s); for ${timeoutMs} seconds pass --timeout ${timeoutMs * 1000}.`,
  );
}
