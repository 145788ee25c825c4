import { z } from 'zod';
import { workspaceIdField } from '../generation-fields.js';
import { taskErrorSchema, taskIdParam, taskSceneField, taskStatusField, timestampField } from '../task.js';
import { actionVideoSchema } from '../task-videos.js';

/** A task as the actions API shows it (camelCase, as in the CLI & API guide). */
export const actionTaskSchema = z
  .object({
    taskId: z.string().describe('The task id (a UUID).'),
    status: taskStatusField,
    videoUrl: z.string().nullable().describe('The first video URL once the task succeeded.'),
    url: z.string().nullable().describe('Same as videoUrl; kept for clients of the CLI & API guide.'),
    videoUrls: z.array(z.string()).describe('Every video the task produced.'),
    provider: z.string(),
    model: z.string().describe("The provider's model id (without the provider prefix)."),
    scene: taskSceneField,
    progress: z.number().min(0).max(100).nullable().describe('Percent done, when the provider tells.'),
    credits: z.number().int().describe('Credits charged for this task (refunded ones excluded).'),
    error: taskErrorSchema.nullable(),
    workspaceId: z.string(),
    createdAt: timestampField,
    updatedAt: timestampField,
    finishedAt: timestampField.nullable(),
    videos: z
      .array(actionVideoSchema)
      .describe('The videos with their files’ facts, once the task succeeded.'),
    videosDeletedAt: timestampField.nullable().describe('When the stored files were deleted.'),
  })
  .describe('A video generation task.');
export type ActionTask = z.infer<typeof actionTaskSchema>;

export const taskRefInputSchema = z.object({
  taskId: taskIdParam,
  workspaceId: workspaceIdField.optional(),
});
export type TaskRefInput = z.input<typeof taskRefInputSchema>;
