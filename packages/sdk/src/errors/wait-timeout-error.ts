import type { ActionTask } from '@ads/contract';
import { AdsError } from './ads-error.js';

/** `generateAndWait` ran out of time. The task keeps running; read it later by `taskId`. */
export class WaitTimeoutError extends AdsError {
  static override readonly kind: string = 'WaitTimeoutError';
  override taskId: string;
  /** The task as it stood when the wait ended. */
  readonly task: ActionTask;
  readonly timeoutMs: number;

  constructor(task: ActionTask, timeoutMs: number) {
    super(
      `Task ${task.taskId} is still ${task.status} after ${timeoutMs} ms. It keeps running: read it with actions.query({ taskId: '${task.taskId}' }).`,
      { taskId: task.taskId },
    );
    this.taskId = task.taskId;
    this.task = task;
    this.timeoutMs = timeoutMs;
  }
}
