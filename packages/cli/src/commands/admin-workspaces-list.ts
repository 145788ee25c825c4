import { adminTokenFlag, defineCommand } from '../command.js';
import { formatTable } from '../table.js';

export default defineCommand({
  path: ['admin', 'workspaces', 'list'],
  summary: 'List every workspace with its balance (admin)',
  source: { route: 'admin.listWorkspaces' },
  flags: [adminTokenFlag],
  async run(context) {
    const client = await context.client({ admin: true });
    const list = await client.admin.workspaces.list();
    context.printer.result(list, () =>
      formatTable(
        ['WORKSPACE', 'NAME', 'BALANCE', 'OWNER'],
        list.data.map((workspace) => [
          workspace.id,
          workspace.name,
          String(workspace.balance),
          workspace.owner_id,
        ]),
      ),
    );
  },
});
