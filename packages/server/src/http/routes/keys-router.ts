import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { notFound } from '../../engine/gateway-error.js';
import { callerOf } from '../authenticate-route.js';
import { apiKeyView } from '../views/account-views.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

export function keysRouter({ admin, engine }: GatewayServices) {
  return server.router(contract.keys, {
    listKeys: async ({ query, res }) => {
      const workspace = await engine.workspaceFor(callerOf(res), query.workspace_id);
      return {
        status: 200,
        body: { object: 'list' as const, data: (await admin.listKeys(workspace.id)).map(apiKeyView) },
      };
    },
    createKey: async ({ body, res }) => {
      const workspace = await engine.workspaceFor(callerOf(res), body.workspace_id);
      const { row, apiKey } = await admin.createKey(workspace.id, body.name);
      return { status: 201, body: { ...apiKeyView(row), api_key: apiKey } };
    },
    revokeKey: async ({ params, res }) => {
      const caller = callerOf(res);
      const key = await admin.findKey(params.id);
      const reachable = key
        ? (await engine.ownerWorkspaces(caller)).some((w) => w.id === key.workspace_id)
        : false;
      // Another owner's key answers as if it did not exist.
      if (!key || !reachable) throw notFound(`No API key "${params.id}" in your workspaces.`);
      return { status: 200, body: apiKeyView(await admin.revokeKey(key.id)) };
    },
  });
}
