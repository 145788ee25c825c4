import { defineCommand } from '../command.js';
import { formatTable } from '../table.js';

export default defineCommand({
  path: ['actions', 'list'],
  summary: 'List the actions the gateway offers (GET /api/actions)',
  output: { route: 'actions.list' },
  async run(context) {
    const client = await context.client();
    const list = await client.actions.list();
    context.printer.result(list, () =>
      formatTable(
        ['ACTION', 'METHOD', 'PATH', 'DESCRIPTION'],
        list.actions.map((action) => [action.name, action.method, action.path, action.description]),
      ),
    );
  },
});
