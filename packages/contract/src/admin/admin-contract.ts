import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { type RouteExample, routeMetadata } from '../route-metadata.js';
import { timestampField } from '../task.js';
import { apiKeyInfoSchema, workspaceNameField, workspaceSchema } from '../workspace.js';

const c = initContract();
const admin = routeMetadata({ auth: 'admin' });
const exampleWorkspaceId = 'ws_5f2a9c7e1b3d4f6a8c0e';
/** The admin metadata with an example request. */
const adminExample = (example: RouteExample) => routeMetadata({ auth: 'admin', example });

const creditAmount = z
  .number()
  .int({ error: 'must be a whole number of credits' })
  .positive({ error: 'must be more than 0' })
  .max(1_000_000_000);

export const ledgerEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['top_up', 'reserve', 'refund']),
  amount: z.number().int().describe('Positive for top-ups and refunds, negative for reserves.'),
  task_id: z.string().nullable(),
  note: z.string().nullable(),
  created_at: timestampField,
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const createdApiKeySchema = apiKeyInfoSchema.extend({
  api_key: z.string().describe('The key itself (sk-...). Shown this once only: store it now.'),
});

const idPath = z.object({ id: z.string().min(1).max(100) });

export const adminContract = c.router(
  {
    listWorkspaces: {
      method: 'GET',
      path: '/v1/admin/workspaces',
      responses: { 200: z.object({ object: z.literal('list'), data: z.array(workspaceSchema) }) },
      summary: 'List every workspace with its balance',
      metadata: admin,
    },
    createWorkspace: {
      method: 'POST',
      path: '/v1/admin/workspaces',
      body: z.object({
        name: workspaceNameField,
        credits: z.number().int().min(0).max(1_000_000_000).default(0).describe('Starting credits.'),
        owner_workspace_id: z
          .string()
          .min(1)
          .max(100)
          .optional()
          .describe("Give the new workspace this workspace's owner, so the owner's keys reach both."),
      }),
      responses: { 201: workspaceSchema },
      summary: 'Create a workspace',
      metadata: adminExample({ body: { name: 'acme', credits: 500 } }),
    },
    addCredits: {
      method: 'POST',
      path: '/v1/admin/workspaces/:id/credits',
      pathParams: idPath,
      body: z.object({
        amount: creditAmount.describe('Credits to add.'),
        note: z.string().max(500).optional().describe('Why, for the ledger.'),
      }),
      responses: { 200: z.object({ workspace: workspaceSchema, entry: ledgerEntrySchema }) },
      summary: "Top up a workspace's credits",
      metadata: adminExample({
        params: { id: exampleWorkspaceId },
        body: { amount: 1000, note: 'invoice 42' },
      }),
    },
    listKeys: {
      method: 'GET',
      path: '/v1/admin/keys',
      query: z.object({ workspace_id: z.string().max(100).optional() }),
      responses: { 200: z.object({ object: z.literal('list'), data: z.array(apiKeyInfoSchema) }) },
      summary: 'List API keys (never the keys themselves)',
      metadata: adminExample({ query: { workspace_id: exampleWorkspaceId } }),
    },
    createKey: {
      method: 'POST',
      path: '/v1/admin/keys',
      body: z.object({
        workspace_id: z.string().min(1).max(100),
        name: z.string().trim().min(1).max(100).optional(),
      }),
      responses: { 201: createdApiKeySchema },
      summary: 'Create an API key for a workspace',
      metadata: adminExample({ body: { workspace_id: exampleWorkspaceId, name: 'ci' } }),
    },
    revokeKey: {
      method: 'DELETE',
      path: '/v1/admin/keys/:id',
      pathParams: idPath,
      body: c.noBody(),
      responses: { 200: apiKeyInfoSchema },
      summary: 'Revoke an API key',
      metadata: adminExample({ params: { id: 'key_9b1d3f5a7c2e4a6b8d0f' } }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
