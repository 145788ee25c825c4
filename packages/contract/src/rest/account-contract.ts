import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { workspaceIdField } from '../generation-fields.js';
import { routeMetadata } from '../route-metadata.js';
import { apiKeyInfoSchema, workspaceSchema } from '../workspace.js';

const c = initContract();

export const accountSchema = z.object({
  workspace: workspaceSchema.describe('The selected workspace (the key’s own unless workspace_id is given).'),
  workspaces: z.array(workspaceSchema).describe("Every workspace the key's owner can use."),
  key: apiKeyInfoSchema
    .nullable()
    .describe('The key this request was made with; null when a console session made it.'),
  webhooks_disabled: z
    .boolean()
    .describe(
      'True when a webhook endpoint of the workspace was disabled for failing a day; see GET /v1/webhooks.',
    ),
});
export type Account = z.infer<typeof accountSchema>;

export const accountContract = c.router(
  {
    getAccount: {
      method: 'GET',
      path: '/v1/account',
      query: z.object({ workspace_id: workspaceIdField.optional() }),
      responses: { 200: accountSchema },
      summary: 'Your workspace, its balance, and the key in use',
      metadata: routeMetadata({ auth: 'api-key' }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
