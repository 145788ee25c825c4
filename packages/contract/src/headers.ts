import { z } from 'zod';

/** Headers of every create route: the idempotency key that makes a retry safe. */
export const createHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('Makes a create safe to retry: the same key and body return the same task and charge once.'),
});
