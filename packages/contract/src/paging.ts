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
