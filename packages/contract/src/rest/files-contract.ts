import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses, errorEnvelopeSchema } from '../errors.js';
import { workspaceIdField } from '../generation-fields.js';
import { uploadedFileIdPattern } from '../media-input.js';
import { routeMetadata } from '../route-metadata.js';
import { timestampField } from '../task.js';

const c = initContract();

export const exampleFileId = 'file_Q2xpcEFkc0dhdGV3YXkxMjM0';

export const uploadedFileSchema = z.object({
  id: z.string().describe('Give it as an image or video input (`file_...`) on any surface.'),
  object: z.literal('file'),
  url: z
    .string()
    .describe(
      'A signed link to the file on this gateway (valid for the video link time); also accepted as an input.',
    ),
  filename: z.string().describe('The name the upload carried (for display only).'),
  bytes: z.number().int(),
  content_type: z
    .enum(['image/png', 'image/jpeg', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm'])
    .describe('Read from the file’s bytes, never from the upload’s header.'),
  sha256: z.string().describe('SHA-256 of the bytes, hex.'),
  workspace_id: z.string(),
  created_at: timestampField,
});
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

const filePath = z.object({
  id: z.string().regex(uploadedFileIdPattern, { error: 'is not a file id (file_...)' }),
});
const fileExample = { params: { id: exampleFileId } };
const workspaceQuery = z.object({ workspace_id: workspaceIdField.optional() });

export const filesContract = c.router(
  {
    uploadFile: {
      method: 'POST',
      path: '/v1/files',
      contentType: 'multipart/form-data',
      query: workspaceQuery,
      body: z.object({
        file: z
          .custom<Blob>()
          .describe(
            'The file: PNG, JPEG, WebP, MP4, MOV or WebM, up to ADS_UPLOAD_LIMIT (100 MB by default).',
          ),
      }),
      responses: { 200: uploadedFileSchema, 413: errorEnvelopeSchema, 415: errorEnvelopeSchema },
      summary: 'Upload a file to use as an input',
      description:
        'multipart/form-data with one part named `file`. The bytes are streamed to the gateway’s storage; their type is read from the bytes themselves. Answers the file’s `id`, to give as `image_input`/`video_input` (or `imageUrls`, `input_reference`) on any surface. Providers receive it as a signed gateway link when ADS_PUBLIC_URL is set, else through their own upload API.',
      metadata: routeMetadata({ auth: 'api-key' }),
    },
    getFile: {
      method: 'GET',
      path: '/v1/files/:id',
      pathParams: filePath,
      query: workspaceQuery,
      responses: { 200: uploadedFileSchema },
      summary: 'Read an uploaded file’s facts',
      metadata: routeMetadata({ auth: 'api-key', example: fileExample }),
    },
    downloadFile: {
      method: 'GET',
      path: '/v1/files/:id/content',
      pathParams: filePath,
      query: z.object({
        expires: z.string().max(20).optional().describe('When the link stops working (Unix seconds).'),
        signature: z.string().max(100).optional().describe('The link’s signature.'),
      }),
      responses: {
        200: c.otherResponse({
          contentType: 'application/octet-stream',
          body: z.string().describe('The bytes.'),
        }),
        206: c.otherResponse({ contentType: 'application/octet-stream', body: z.string() }),
        416: errorEnvelopeSchema,
      },
      summary: 'Download an uploaded file',
      description:
        'The bytes as uploaded, with `Range`. The signed `url` needs no key (providers fetch it); the same path with the API key works at any time.',
      metadata: routeMetadata({ auth: 'api-key-or-signed-link', example: fileExample }),
    },
    deleteFile: {
      method: 'DELETE',
      path: '/v1/files/:id',
      pathParams: filePath,
      query: workspaceQuery,
      body: c.noBody(),
      responses: { 200: z.object({ id: z.string(), object: z.literal('file'), deleted: z.literal(true) }) },
      summary: 'Delete an uploaded file',
      description:
        'Removes the bytes from storage; tasks already submitted with it keep what the provider received.',
      metadata: routeMetadata({ auth: 'api-key', example: fileExample }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
