import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses, errorEnvelopeSchema } from '../errors.js';
import { workspaceIdField } from '../generation-fields.js';
import { createHeadersSchema } from '../headers.js';
import { pageCursorField, pageLimitField, pageSchema } from '../paging.js';
import { quoteSchema } from '../quote.js';
import { routeMetadata } from '../route-metadata.js';
import { exampleTaskId, taskIdParam, taskSceneField, taskStatusField } from '../task.js';
import { videoFileParam } from '../task-videos.js';
import { videoGenerationBodySchema } from './generation-body.js';
import { restTaskSchema } from './rest-task.js';

const c = initContract();

export const taskListQuerySchema = z.object({
  limit: pageLimitField('tasks per page'),
  cursor: pageCursorField,
  status: taskStatusField.optional(),
  scene: taskSceneField.optional(),
  model: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Only tasks of this model (as `model` shows it).'),
  created_after: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2026-12-01T00:00:00Z' })
    .optional()
    .describe('Only tasks created at or after this time.'),
  created_before: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2026-12-02T00:00:00Z' })
    .optional()
    .describe('Only tasks created before this time.'),
  workspace_id: workspaceIdField.optional(),
});

export const taskListSchema = pageSchema(restTaskSchema);
export type TaskList = z.infer<typeof taskListSchema>;

const taskPath = z.object({ id: taskIdParam });
const taskExample = { params: { id: exampleTaskId } };
const workspaceQuery = z.object({ workspace_id: workspaceIdField.optional() });
const videoPath = z.object({ id: taskIdParam, file: videoFileParam });

const videoFileBody = z.string().describe('The video file (binary).');

/** The signature of a video link, as the task's `videos[].url` carries it. */
export const videoLinkQuerySchema = z.object({
  expires: z.string().max(20).optional().describe('When the link stops working (Unix seconds).'),
  signature: z.string().max(100).optional().describe('The link’s signature.'),
});

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
    quoteGeneration: {
      method: 'POST',
      path: '/v1/videos/quote',
      body: videoGenerationBodySchema,
      responses: { 200: quoteSchema },
      summary: 'Price a video generation without creating it',
      description:
        'Takes the body of POST /v1/videos/generations and answers its price, the balance and whether the create would be accepted now. Nothing is created or reserved. A request the create would refuse as invalid gets the same 400.',
      metadata: routeMetadata({
        auth: 'api-key',
        example: {
          body: {
            model: 'kie/bytedance/seedance-2',
            scene: 'text-to-video',
            prompt: 'ocean waves at sunset',
            options: { duration: 10, resolution: '1080p' },
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
    downloadVideo: {
      method: 'GET',
      path: '/v1/tasks/:id/videos/:file',
      pathParams: videoPath,
      query: videoLinkQuerySchema,
      responses: {
        200: c.otherResponse({ contentType: 'video/mp4', body: videoFileBody }),
        206: c.otherResponse({
          contentType: 'video/mp4',
          body: videoFileBody.describe('The bytes of the range.'),
        }),
        416: errorEnvelopeSchema,
      },
      summary: 'Download a video of a task',
      description:
        'The file as the gateway stored it, with `Range` (206, 416), `ETag` and `Content-Disposition`. The signed link of `videos[].url` needs no key (a stale one answers 403); the same path with the API key works at any time. With S3 redirects on, answers 302 to a presigned link.',
      metadata: routeMetadata({
        auth: 'api-key-or-signed-link',
        example: { params: { id: exampleTaskId, file: '0.mp4' } },
      }),
    },
    taskEvents: {
      method: 'GET',
      path: '/v1/tasks/:id/events',
      pathParams: taskPath,
      query: workspaceQuery.extend({
        view: z
          .enum(['rest', 'action'])
          .default('rest')
          .describe(
            'The task’s shape in each event: the REST API’s (default) or the actions API’s (camelCase).',
          ),
      }),
      headers: z.object({
        'last-event-id': z
          .string()
          .max(100)
          .optional()
          .describe('The id of the last event received: the stream resumes after it, without repeats.'),
      }),
      responses: {
        200: c.otherResponse({
          contentType: 'text/event-stream',
          body: z
            .string()
            .describe(
              'Server-sent events: `event: task` with the task (REST shape) as it stands, then one on every change of status or progress; `: heartbeat` comments every 15 s; the stream ends after the terminal event.',
            ),
        }),
      },
      summary: 'Follow a task as server-sent events',
      description:
        'Send `Accept: text/event-stream`. Each event’s id orders the task’s changes; reconnect with `Last-Event-ID` to resume without repeats. A finished task answers its one terminal event and ends.',
      metadata: routeMetadata({ auth: 'api-key', example: taskExample, cliFlags: { id: 'task-id' } }),
    },
    deleteVideos: {
      method: 'DELETE',
      path: '/v1/tasks/:id/videos',
      pathParams: taskPath,
      query: workspaceQuery,
      body: c.noBody(),
      responses: { 200: restTaskSchema },
      summary: 'Delete the stored files of a task',
      description:
        'Deletes the task’s videos from the gateway’s storage now (the task stays, with videos_deleted_at). Repeating it changes nothing; each deletion is recorded in the audit log.',
      metadata: routeMetadata({ auth: 'api-key', example: taskExample, cliFlags: { id: 'task-id' } }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
