import { z } from 'zod';
import { maxMediaUrls } from './scenes.js';

/** Splits a comma-separated list, trims each item and drops empty ones. */
export function splitMediaList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const items = typeof value === 'string' ? value.split(',') : value;
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

/** What POST /v1/files answers as a file's id; an image or video input may name one. */
export const uploadedFileIdPattern = /^file_[A-Za-z0-9]{24}$/;

const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http(s) URL or the id of an uploaded file (file_...)',
});
const mediaReference = z.union([z.string().regex(uploadedFileIdPattern), httpUrl], {
  error: (issue) => (issue.code === 'invalid_union' ? issue.errors[1]?.[0]?.message : undefined),
});

/**
 * A list of media URLs (or uploaded file ids) given either as one comma-separated string or as an array of strings;
 * both normalise to the same array.
 */
export function mediaInputSchema(description: string) {
  return z
    .union([z.string(), z.array(z.string()), z.null()], {
      error: 'must be a URL or file id, a comma-separated string of them, or an array of them',
    })
    .optional()
    .transform((value) => splitMediaList(value))
    .pipe(z.array(mediaReference).max(maxMediaUrls, { error: `takes at most ${maxMediaUrls} URLs` }))
    .describe(description);
}

export type MediaInput = string | string[] | null | undefined;
