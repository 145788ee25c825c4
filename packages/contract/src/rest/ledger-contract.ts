import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { workspaceIdField } from '../generation-fields.js';
import { pageCursorField, pageLimitField, pageSchema } from '../paging.js';
import { routeMetadata } from '../route-metadata.js';
import { timestampField } from '../task.js';

const c = initContract();

export const ledgerKinds = ['top_up', 'reserve', 'refund', 'adjust'] as const;

export const ledgerEntrySchema = z.object({
  id: z.string(),
  kind: z
    .enum(ledgerKinds)
    .describe(
      '`top_up`: credits added by an operator; `reserve`: a task’s price, taken at create; `refund`: a failed task’s reserve given back; `adjust`: the part of a reserve a task did not use (its length was left open and it delivered less).',
    ),
  amount: z.number().int().describe('Positive for top-ups, refunds and adjustments, negative for reserves.'),
  task_id: z.string().nullable(),
  note: z.string().nullable(),
  created_at: timestampField,
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerPageSchema = pageSchema(ledgerEntrySchema);
export type LedgerPage = z.infer<typeof ledgerPageSchema>;

export const ledgerContract = c.router(
  {
    listLedger: {
      method: 'GET',
      path: '/v1/ledger',
      query: z.object({
        limit: pageLimitField('entries per page'),
        cursor: pageCursorField,
        kind: z.enum(ledgerKinds).optional().describe('Only entries of this kind.'),
        task_id: z.string().max(100).optional().describe('Only the entries of this task.'),
        workspace_id: workspaceIdField.optional(),
      }),
      responses: { 200: ledgerPageSchema },
      summary: "Read the workspace's ledger: top-ups, reserves, refunds and adjustments, newest first",
      metadata: routeMetadata({ auth: 'api-key', example: { query: { limit: '20' } } }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
