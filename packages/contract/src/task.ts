import { z } from 'zod';
import { sceneIds } from './scenes.js';

export const taskStatuses = ['pending', 'running', 'success', 'failed', 'canceled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const terminalTaskStatuses: readonly TaskStatus[] = ['success', 'failed', 'canceled'];

export function isTerminalStatus(status: TaskStatus): boolean {
  return terminalTaskStatuses.includes(status);
}

export const taskStatusField = z
  .enum(taskStatuses)
  .describe('pending (accepted) → running (the provider has it) → success | failed | canceled.');

export const taskErrorSchema = z
  .object({
    code: z.string().describe('Machine-readable reason, e.g. upstream_failed, content_policy, canceled.'),
    message: z.string(),
  })
  .describe('Why the task failed or was canceled; null otherwise.');
export type TaskError = z.infer<typeof taskErrorSchema>;

export const taskSceneField = z.enum(sceneIds);

export const timestampField = z.string().describe('ISO 8601 timestamp (UTC).');

/** A task id as the docs' examples show it. */
export const exampleTaskId = '3f0b6c1e-8a2d-4b7e-9c51-2d6e8f4a1b90';

export const taskIdParam = z.uuid({ error: 'must be a task id (a UUID)' }).describe('The task id.');
