import { z } from 'zod';
import { maxMediaUrls } from './scenes.js';

/** Splits a comma-separated list, trims each item and drops empty ones. */
export function splitMediaList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const items = typeof value === 'string' ? value.split(',') : value;
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http(s) URL',
});

/**
 * A list of media URLs given either as one comma-separated string or as an array of strings;
 * both normalise to the same array.
 */
export function mediaInputSchema(description: string) {
  return z
    .union([z.string(), z.array(z.string()), z.null()], {
      error: 'must be a URL, a comma-separated string of URLs, or an array of URLs',
    })
    .optional()
    .transform((value) => splitMediaList(value))
    .pipe(z.array(httpUrl).max(maxMediaUrls, { error: `takes at most ${maxMediaUrls} URLs` }))
    .describe(description);
}

export type MediaInput = string | string[] | null | undefined;
