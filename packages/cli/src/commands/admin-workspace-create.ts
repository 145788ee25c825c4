import type { CreateWorkspaceInput } from '@ads/sdk';
import { adminTokenFlag, defineCommand } from '../command.js';

export default defineCommand({
  path: ['admin', 'workspaces', 'create'],
  summary: 'Create a workspace (admin)',
  source: { route: 'admin.createWorkspace' },
  flags: [adminTokenFlag],
  async run(context) {
    const client = await context.client({ admin: true });
    const workspace = await client.admin.workspaces.create(context.input.body as CreateWorkspaceInput);
    context.printer.result(
      workspace,
      () => `Created workspace ${workspace.name} (${workspace.id}) with ${workspace.balance} credits.`,
    );
  },
});
