import { z } from 'zod';
import { timestampField } from './task.js';

/**
 * One video of a finished task, as both surfaces show it (each in its own case). `url` is the
 * gateway's signed link to the stored file while `stored` is true; the provider's own link (which
 * expires upstream) when the copy into storage failed, with the `reason`.
 */
const videoFacts = {
  index: z.number().int().min(0).describe('Its place among the task’s videos.'),
  url: z
    .string()
    .describe(
      'A signed link to the file on this gateway (it expires; read the task again for a fresh one), or the provider’s own link when stored is false.',
    ),
  stored: z.boolean().describe('Whether the file is kept by this gateway.'),
  bytes: z.number().int().nullable().describe('The file’s size.'),
  sha256: z.string().nullable().describe('SHA-256 of the file, hex.'),
  width: z.number().nullable(),
  height: z.number().nullable(),
  reason: z.string().nullable().describe('Why the file is not stored, when it is not.'),
};

export const restVideoSchema = z
  .object({
    ...videoFacts,
    content_type: z.string(),
    duration_seconds: z.number().nullable(),
    expires_at: timestampField.nullable().describe('When the signed url stops working.'),
  })
  .describe('A video of the task.');
export type RestVideo = z.infer<typeof restVideoSchema>;

export const actionVideoSchema = z
  .object({
    ...videoFacts,
    contentType: z.string(),
    durationSeconds: z.number().nullable(),
    expiresAt: timestampField.nullable().describe('When the signed url stops working.'),
  })
  .describe('A video of the task.');
export type ActionVideo = z.infer<typeof actionVideoSchema>;

/** The file part of a video's path: `0.mp4` for the first. */
export const videoFileParam = z
  .string()
  .regex(/^\d{1,3}\.mp4$/, { error: 'must be a video file name such as 0.mp4' })
  .describe('The video’s index and extension, e.g. 0.mp4.');
