import { z } from 'zod';

/** `limit` of a listing: 1 to 100 entries, 20 by default. */
export const pageLimitField = (what: string) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(100, { error: 'must be at most 100' })
    .default(20)
    .describe(`How many ${what} (1-100, default 20).`);

/** A page of a listing, newest first, with the cursor of the next one. */
export const pageSchema = <Item extends z.ZodType>(item: Item) =>
  z.object({
    object: z.literal('list'),
    data: z.array(item).describe('Newest first.'),
    has_more: z.boolean(),
    next_cursor: z
      .string()
      .nullable()
      .describe('Pass as cursor to read the next page; null on the last one.'),
  });

/** `cursor` of a listing: the next_cursor of the page before. */
export const pageCursorField = z
  .string()
  .max(200)
  .optional()
  .describe('The next_cursor of the previous page.');
