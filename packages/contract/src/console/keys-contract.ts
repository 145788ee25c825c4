import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { createdApiKeySchema } from '../admin/admin-contract.js';
import { commonErrorResponses } from '../errors.js';
import { workspaceIdField } from '../generation-fields.js';
import { routeMetadata } from '../route-metadata.js';
import { apiKeyInfoSchema } from '../workspace.js';

const c = initContract();
const session = routeMetadata({ auth: 'session' });

/** A signed-in user's own keys ("Settings → API Keys"): only a session may mint or revoke them. */
export const keysContract = c.router(
  {
    listKeys: {
      method: 'GET',
      path: '/v1/keys',
      query: z.object({ workspace_id: workspaceIdField.optional() }),
      responses: { 200: z.object({ object: z.literal('list'), data: z.array(apiKeyInfoSchema) }) },
      summary: "The workspace's API keys (never the keys themselves)",
      metadata: session,
    },
    createKey: {
      method: 'POST',
      path: '/v1/keys',
      body: z.object({
        name: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
        workspace_id: workspaceIdField.optional(),
      }),
      responses: { 201: createdApiKeySchema },
      summary: 'Create an API key in a workspace you can reach',
      metadata: routeMetadata({ auth: 'session', example: { body: { name: 'ci' } } }),
    },
    revokeKey: {
      method: 'DELETE',
      path: '/v1/keys/:id',
      pathParams: z.object({ id: z.string().min(1).max(100) }),
      body: c.noBody(),
      responses: { 200: apiKeyInfoSchema },
      summary: 'Revoke an API key of a workspace you can reach',
      description: 'The key answers 401 from then on, on every instance within 5 s.',
      metadata: routeMetadata({ auth: 'session', example: { params: { id: 'key_9b1d3f5a7c2e4a6b8d0f' } } }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
