import { z } from 'zod';
import { actionTaskSchema } from './actions/action-task.js';

/**
 * What `ads video generate --json` and `ads video query --json` print: the shape of the CLI & API
 * guide, plus the task's error when it failed.
 */
export const cliVideoResultSchema = actionTaskSchema
  .pick({ taskId: true, status: true, videoUrl: true, url: true, provider: true, model: true })
  .extend({
    localPath: z.string().optional().describe('Where --out saved the first video.'),
    error: actionTaskSchema.shape.error.optional(),
  })
  .strict();
export type CliVideoResult = z.infer<typeof cliVideoResultSchema>;
