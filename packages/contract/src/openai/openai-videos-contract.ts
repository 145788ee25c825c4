import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses, errorEnvelopeSchema } from '../errors.js';
import { modelField, promptField } from '../generation-fields.js';
import { uploadedFileIdPattern } from '../media-input.js';
import { routeMetadata } from '../route-metadata.js';
import { exampleTaskId, taskIdParam } from '../task.js';

const c = initContract();

export const openAiVideoStatuses = ['queued', 'in_progress', 'completed', 'failed'] as const;

/** A task as OpenAI's Video object: the same task as `/v1/tasks/{id}` and `ai.video.query`. */
export const openAiVideoSchema = z.object({
  id: z.string().describe('The task id (the same on every surface).'),
  object: z.literal('video'),
  model: z.string().describe('The catalog id of the model, `provider/model`.'),
  status: z
    .enum(openAiVideoStatuses)
    .describe(
      '`queued` (pending), `in_progress` (running), `completed` (success), `failed` (failed or canceled).',
    ),
  progress: z.number().int().min(0).max(100),
  prompt: z.string().nullable(),
  seconds: z
    .string()
    .describe('The length asked for (or delivered), in seconds; empty when the model chose.'),
  size: z.string().describe('`WIDTHxHEIGHT` of the video (asked for, or delivered); empty when unknown.'),
  created_at: z.number().int().describe('Unix seconds.'),
  completed_at: z.number().int().nullable().describe('Unix seconds; set once the task ended.'),
  expires_at: z
    .number()
    .int()
    .nullable()
    .describe('Always null: the gateway keeps the video until it is deleted.'),
  remixed_from_video_id: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type OpenAiVideo = z.infer<typeof openAiVideoSchema>;

const referenceSchema = z
  .object({
    image_url: z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL; upload a local image with POST /v1/files and give its file_id',
      })
      .max(8192)
      .optional()
      .describe('An http(s) URL of the image.'),
    file_id: z
      .string()
      .regex(uploadedFileIdPattern, { error: 'must be the id of an uploaded file (file_...)' })
      .optional()
      .describe('An uploaded file (`file_...`, from POST /v1/files).'),
  })
  .strict()
  .refine((value) => (value.image_url === undefined) !== (value.file_id === undefined), {
    error: 'give exactly one of image_url and file_id',
  });

/**
 * The create request as the `openai` package sends it (multipart/form-data; JSON is accepted too).
 * A file part named `input_reference` is stored as an upload first.
 */
export const openAiVideoCreateSchema = z
  .object({
    prompt: promptField,
    model: modelField.optional().describe('Any catalog id; the scene’s default model when absent.'),
    seconds: z
      .union([
        z.string().regex(/^\d{1,3}$/, { error: 'must be a whole number of seconds' }),
        z.number().int().positive(),
      ])
      .transform(String)
      .optional()
      .describe('Length in seconds; the model’s allowed values are named in the 400 otherwise.'),
    size: z
      .string()
      .regex(/^\d{2,5}x\d{2,5}$/, { error: 'must look like 1280x720' })
      .optional()
      .describe('`WIDTHxHEIGHT`; maps onto the model’s aspect ratio and resolution.'),
    input_reference: referenceSchema.optional().describe('A reference image: its URL or an uploaded file.'),
  })
  .describe('Create a video (OpenAI videos API).');
export type OpenAiVideoCreate = z.input<typeof openAiVideoCreateSchema>;

const videoPath = z.object({ id: taskIdParam });
const example = { params: { id: exampleTaskId } };

export const openAiVideosContract = c.router(
  {
    createVideo: {
      method: 'POST',
      path: '/v1/videos',
      contentType: 'multipart/form-data',
      body: openAiVideoCreateSchema,
      responses: { 200: openAiVideoSchema },
      summary: 'Create a video (OpenAI-compatible)',
      description:
        'What `openai.videos.create` sends: multipart/form-data (or JSON) with prompt, model, seconds, size and input_reference (a file, or `{image_url}` / `{file_id}`). The task is the one GET /v1/tasks/{id} reads.',
      metadata: routeMetadata({
        auth: 'api-key',
        example: {
          body: { prompt: 'a calm ocean at dawn', model: 'sandbox/video-1', seconds: '4', size: '1280x720' },
        },
      }),
    },
    getVideo: {
      method: 'GET',
      path: '/v1/videos/:id',
      pathParams: videoPath,
      responses: { 200: openAiVideoSchema },
      summary: 'Read a video (OpenAI-compatible)',
      metadata: routeMetadata({ auth: 'api-key', example }),
    },
    listVideos: {
      method: 'GET',
      path: '/v1/videos',
      query: z.object({
        after: taskIdParam.optional().describe('The id of the last video of the previous page.'),
        limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(20),
        order: z.enum(['asc', 'desc']).default('desc'),
      }),
      responses: {
        200: z.object({
          object: z.literal('list'),
          data: z.array(openAiVideoSchema),
          first_id: z.string().nullable(),
          last_id: z.string().nullable(),
          has_more: z.boolean(),
        }),
      },
      summary: 'List videos (OpenAI-compatible)',
      metadata: routeMetadata({ auth: 'api-key', example: { query: { limit: '20', order: 'desc' } } }),
    },
    deleteVideo: {
      method: 'DELETE',
      path: '/v1/videos/:id',
      pathParams: videoPath,
      body: c.noBody(),
      responses: {
        200: z.object({ id: z.string(), object: z.literal('video.deleted'), deleted: z.literal(true) }),
      },
      summary: 'Delete a video’s files (OpenAI-compatible)',
      description:
        'Deletes the stored video files of a finished task (DELETE /v1/tasks/{id}/videos); the task itself stays readable.',
      metadata: routeMetadata({ auth: 'api-key', example }),
    },
    downloadVideoContent: {
      method: 'GET',
      path: '/v1/videos/:id/content',
      pathParams: videoPath,
      query: z.object({
        variant: z
          .string()
          .max(40)
          .optional()
          .describe('`video` (default); `thumbnail` and `spritesheet` answer 404.'),
      }),
      responses: {
        200: c.otherResponse({ contentType: 'video/mp4', body: z.string().describe('The MP4.') }),
        206: c.otherResponse({ contentType: 'video/mp4', body: z.string() }),
        416: errorEnvelopeSchema,
      },
      summary: 'Download a video’s MP4 (OpenAI-compatible)',
      metadata: routeMetadata({ auth: 'api-key', example }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
