import { z } from 'zod';
import { taskErrorSchema, taskSceneField, taskStatusField, timestampField } from '../task.js';
import { restVideoSchema } from '../task-videos.js';

/** A task as the REST API shows it: the fields of the video generation guide, then the gateway's own. */
export const restTaskSchema = z
  .object({
    id: z.string().describe('The task id (a UUID).'),
    object: z.literal('video.generation.task'),
    status: taskStatusField,
    data: z.object({
      id: z.string(),
      mediaType: z.literal('video'),
      status: taskStatusField,
      videoUrls: z.array(z.string()).describe('The videos, once the task succeeded.'),
    }),
    provider: z.string(),
    model: z.string().describe("The provider's model id (without the provider prefix)."),
    scene: taskSceneField,
    input: z
      .record(z.string(), z.unknown())
      .describe(
        'What the task was asked for: prompt, media inputs and options, as the gateway checked them.',
      ),
    progress: z.number().min(0).max(100).nullable(),
    credits: z.number().int().describe('Credits charged for this task (refunded ones excluded).'),
    error: taskErrorSchema.nullable(),
    workspace_id: z.string(),
    created_at: timestampField,
    updated_at: timestampField,
    finished_at: timestampField.nullable(),
    videos: z.array(restVideoSchema).describe('The videos with their files’ facts, once the task succeeded.'),
    videos_deleted_at: timestampField
      .nullable()
      .describe('When the stored files were deleted (DELETE /v1/tasks/{id}/videos, or retention).'),
  })
  .describe('A video generation task.');
export type RestTask = z.infer<typeof restTaskSchema>;
