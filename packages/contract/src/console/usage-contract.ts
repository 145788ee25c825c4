import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { workspaceIdField } from '../generation-fields.js';
import { routeMetadata } from '../route-metadata.js';

const c = initContract();

export const usageSchema = z.object({
  workspace_id: z.string(),
  since: z.string().describe('The first UTC day counted (YYYY-MM-DD).'),
  days: z
    .array(
      z.object({
        date: z.string().describe('A UTC day, YYYY-MM-DD; every day of the span is listed, spent or not.'),
        spent: z.number().int().describe('Credits reserved that day less what was refunded of them.'),
        topped_up: z.number().int(),
      }),
    )
    .describe('Oldest first.'),
  models: z
    .array(z.object({ model: z.string(), spent: z.number().int(), tasks: z.number().int() }))
    .describe('Credits spent per model over the span, most first.'),
});
export type Usage = z.infer<typeof usageSchema>;

export const usageContract = c.router(
  {
    getUsage: {
      method: 'GET',
      path: '/v1/usage',
      query: z.object({
        workspace_id: workspaceIdField.optional(),
        days: z.coerce
          .number()
          .int()
          .min(1)
          .max(366)
          .default(30)
          .describe('How many UTC days back, today included.'),
      }),
      responses: { 200: usageSchema },
      summary: 'Credits spent per day and per model',
      metadata: routeMetadata({ auth: 'api-key', example: { query: { days: '7' } } }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
