import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { ledgerEntrySchema } from '../rest/ledger-contract.js';
import { type RouteExample, routeMetadata } from '../route-metadata.js';
import { taskIdParam } from '../task.js';
import { apiKeyInfoSchema, keyLimitsShape, workspaceNameField, workspaceSchema } from '../workspace.js';
import { reconcileBodySchema, reconciliationSchema, unconfirmedTaskSchema } from './reconcile-contract.js';

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

export const createdApiKeySchema = apiKeyInfoSchema.extend({
  api_key: z.string().describe('The key itself (sk-...). Shown this once only: store it now.'),
});

const idPath = z.object({ id: z.string().min(1).max(100) });

/** The key limits a create or an update may set: each left out stays as it is (off, on a new key). */
const keyLimitsFields = {
  spend_limit: keyLimitsShape.spend_limit.optional(),
  spend_period: keyLimitsShape.spend_period.optional(),
  rate_limit: keyLimitsShape.rate_limit.optional(),
};

export const priceRulesSchema = z.object({
  file: z.string().nullable().describe('ADS_PRICES_FILE, or null when no file is set (scene prices only).'),
  loaded_at: z.string().describe('When the file was last read (at start, or on SIGHUP).'),
  rules: z
    .array(z.record(z.string(), z.unknown()))
    .describe('The rules in force, in order: the first match prices.'),
});

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
        ...keyLimitsFields,
      }),
      responses: { 201: createdApiKeySchema },
      summary: 'Create an API key for a workspace',
      description:
        'A spend limit (`spend_limit` credits per `spend_period`, in UTC) answers 402 past it; a rate limit (`rate_limit`, e.g. `60/min`) answers 429 with Retry-After. On PostgreSQL both hold across instances.',
      metadata: adminExample({
        body: {
          workspace_id: exampleWorkspaceId,
          name: 'ci',
          spend_limit: 500,
          spend_period: 'day',
          rate_limit: '60/min',
        },
      }),
    },
    updateKey: {
      method: 'PATCH',
      path: '/v1/admin/keys/:id',
      pathParams: idPath,
      body: z.object(keyLimitsFields),
      responses: { 200: apiKeyInfoSchema },
      summary: "Change an API key's spend limit or rate limit",
      description:
        'A field left out stays as it is; null turns its limit off. Instances see the change within 5 s.',
      metadata: adminExample({
        params: { id: 'key_9b1d3f5a7c2e4a6b8d0f' },
        body: { spend_limit: 2000, spend_period: 'month' },
      }),
    },
    getPrices: {
      method: 'GET',
      path: '/v1/admin/prices',
      responses: { 200: priceRulesSchema },
      summary: 'The price rules in force',
      metadata: admin,
    },
    listUnconfirmedTasks: {
      method: 'GET',
      path: '/v1/admin/tasks/unconfirmed',
      responses: { 200: z.object({ object: z.literal('list'), data: z.array(unconfirmedTaskSchema) }) },
      summary: 'The reconcile queue: tasks whose submit the provider never confirmed',
      description:
        'Each holds its credits: the gateway cannot tell whether the provider created (and bills) the job. Resolve each with POST /v1/admin/tasks/{id}/reconcile.',
      metadata: admin,
    },
    reconcileTask: {
      method: 'POST',
      path: '/v1/admin/tasks/:id/reconcile',
      pathParams: z.object({ id: taskIdParam }),
      body: reconcileBodySchema,
      responses: {
        200: z.object({
          task: unconfirmedTaskSchema,
          reconciliation: reconciliationSchema,
          entry: ledgerEntrySchema.nullable().describe('The refund entry, for a refund of a priced task.'),
        }),
      },
      summary: 'Resolve an unconfirmed task: refund it, or attach the upstream job it created',
      description:
        'Once per task, audited. `attach` makes the task run again under that upstream id; it then settles like any other task (a failure refunds).',
      metadata: adminExample({
        params: { id: '3f0b6c1e-8a2d-4b7e-9c51-2d6e8f4a1b90' },
        body: { action: 'refund', reason: 'no such task in the kie dashboard' },
      }),
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
