import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { apiKeyView, ledgerEntryView, workspaceView } from '../views/account-views.js';
import { reconciliationView, unconfirmedTaskView } from '../views/reconcile-views.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

export function adminRouter({ admin, engine }: GatewayServices) {
  return server.router(contract.admin, {
    listWorkspaces: async () => ({
      status: 200,
      body: { object: 'list' as const, data: (await admin.listWorkspaces()).map(workspaceView) },
    }),
    createWorkspace: async ({ body }) => ({
      status: 201,
      body: workspaceView(
        await admin.createWorkspace({
          name: body.name,
          credits: body.credits,
          ownerWorkspaceId: body.owner_workspace_id,
        }),
      ),
    }),
    addCredits: async ({ params, body }) => {
      const { workspace, entry } = await admin.addCredits(params.id, body.amount, body.note);
      return { status: 200, body: { workspace: workspaceView(workspace), entry: ledgerEntryView(entry) } };
    },
    listKeys: async ({ query }) => ({
      status: 200,
      body: { object: 'list' as const, data: (await admin.listKeys(query.workspace_id)).map(apiKeyView) },
    }),
    createKey: async ({ body }) => {
      const { workspace_id, name, ...limits } = body;
      const { row, apiKey } = await admin.createKey(workspace_id, name, limits);
      return { status: 201, body: { ...apiKeyView(row), api_key: apiKey } };
    },
    updateKey: async ({ params, body }) => ({
      status: 200,
      body: apiKeyView(await admin.updateKey(params.id, body)),
    }),
    getPrices: async () => {
      const source = admin.prices();
      return {
        status: 200,
        body: {
          file: source?.file ?? null,
          loaded_at: new Date(source?.loadedAt ?? Date.now()).toISOString(),
          rules: (source?.rules ?? []) as unknown as Record<string, unknown>[],
        },
      };
    },
    listUnconfirmedTasks: async () => ({
      status: 200,
      body: { object: 'list' as const, data: (await engine.unconfirmedTasks()).map(unconfirmedTaskView) },
    }),
    reconcileTask: async ({ params, body }) => {
      const request =
        body.action === 'refund'
          ? { action: 'refund' as const, reason: body.reason, actor: 'admin' }
          : { action: 'attach' as const, upstreamId: body.upstream_id, reason: body.reason, actor: 'admin' };
      const result = await engine.reconcile(params.id, request);
      return {
        status: 200,
        body: {
          task: unconfirmedTaskView(result.task),
          reconciliation: reconciliationView(result.reconciliation),
          entry: result.entry ? ledgerEntryView(result.entry) : null,
        },
      };
    },
    revokeKey: async ({ params }) => ({ status: 200, body: apiKeyView(await admin.revokeKey(params.id)) }),
  });
}
