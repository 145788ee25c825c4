import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { callerOf } from '../authenticate-route.js';
import { workspaceView } from '../views/account-views.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

export function accountRouter({ engine, webhooks }: GatewayServices) {
  return server.router(contract.account, {
    getAccount: async ({ query, res }) => {
      const caller = callerOf(res);
      const workspace = await engine.workspaceFor(caller, query.workspace_id);
      const [workspaces, webhooksDisabled] = await Promise.all([
        engine.ownerWorkspaces(caller),
        webhooks.anyDisabled(workspace.id),
      ]);
      return {
        status: 200,
        body: {
          workspace: workspaceView(workspace),
          workspaces: workspaces.map(workspaceView),
          key:
            caller.keyId === null
              ? null
              : {
                  id: caller.keyId,
                  name: caller.keyName,
                  prefix: caller.keyPrefix,
                  workspace_id: caller.workspace.id,
                  created_at: new Date(caller.keyCreatedAt).toISOString(),
                  revoked_at: null,
                  spend_limit: caller.limits.spend?.limit ?? null,
                  spend_period: caller.limits.spend?.period ?? null,
                  rate_limit: caller.limits.rate?.text ?? null,
                  last_used_at: null,
                },
          webhooks_disabled: webhooksDisabled,
        },
      };
    },
  });
}
