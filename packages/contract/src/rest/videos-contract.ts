import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { workspaceIdField } from '../generation-fields.js';
import { createHeadersSchema } from '../headers.js';
import { routeMetadata } from '../route-metadata.js';
import { exampleTaskId, taskIdParam, taskSceneField, taskStatusField } from '../task.js';
import { videoGenerationBodySchema } from './generation-body.js';
import { restTaskSchema } from './rest-task.js';

const c = initContract();

export const taskListQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(100, { error: 'must be at most 100' })
    .default(20)
    .describe('How many tasks per page (1-100, default 20).'),
  cursor: z.string().max(200).optional().describe('The next_cursor of the previous page.'),
  status: taskStatusField.optional(),
  scene: taskSceneField.optional(),
  workspace_id: workspaceIdField.optional(),
});

export const taskListSchema = z.object({
  object: z.literal('list'),
  data: z.array(restTaskSchema).describe('Newest first.'),
  has_more: z.boolean(),
  next_cursor: z.string().nullable().describe('Pass as cursor to read the next page; null on the last one.'),
});
export type TaskList = z.infer<typeof taskListSchema>;

const taskPath = z.object({ id: taskIdParam });
const taskExample = { params: { id: exampleTaskId } };
const workspaceQuery = z.object({ workspace_id: workspaceIdField.optional() });

export const videosContract = c.router(
  {
    createGeneration: {
      method: 'POST',
      path: '/v1/videos/generations',
      headers: createHeadersSchema,
      body: videoGenerationBodySchema,
      responses: { 200: restTaskSchema },
      summary: 'Create a video generation task',
      description: 'Returns the task at once; read GET /v1/tasks/{id} for its videoUrls.',
      metadata: routeMetadata({
        auth: 'api-key',
        example: {
          body: {
            provider: 'kie',
            model: 'sora-2-pro-image-to-video',
            scene: 'image-to-video',
            prompt: 'gentle camera motion, natural lighting',
            image_input: ['https://cdn.example.com/reference.png'],
            options: { duration: '10' },
          },
        },
      }),
    },
    getTask: {
      method: 'GET',
      path: '/v1/tasks/:id',
      pathParams: taskPath,
      query: workspaceQuery,
      responses: { 200: restTaskSchema },
      summary: 'Read a task',
      metadata: routeMetadata({ auth: 'api-key', example: taskExample }),
    },
    listTasks: {
      method: 'GET',
      path: '/v1/tasks',
      query: taskListQuerySchema,
      responses: { 200: taskListSchema },
      summary: "List a workspace's tasks, newest first",
      metadata: routeMetadata({ auth: 'api-key', example: { query: { limit: '20', status: 'success' } } }),
    },
    cancelTask: {
      method: 'POST',
      path: '/v1/tasks/:id/cancel',
      pathParams: taskPath,
      query: workspaceQuery,
      body: c.noBody(),
      responses: { 200: restTaskSchema },
      summary: 'Cancel a task',
      description:
        'Asks the provider to stop the task. Credits are refunded only when the provider confirms it will not bill.',
      metadata: routeMetadata({ auth: 'api-key', example: taskExample }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
