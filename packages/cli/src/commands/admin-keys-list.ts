import type { KeyListQuery } from '@ads/sdk';
import { adminTokenFlag, defineCommand } from '../command.js';
import { formatTable } from '../table.js';

export default defineCommand({
  path: ['admin', 'keys', 'list'],
  summary: 'List API keys, never the keys themselves (admin)',
  source: { route: 'admin.listKeys' },
  flags: [adminTokenFlag],
  async run(context) {
    const client = await context.client({ admin: true });
    const list = await client.admin.keys.list(context.input.query as KeyListQuery);
    context.printer.result(list, () =>
      formatTable(
        ['KEY', 'PREFIX', 'NAME', 'WORKSPACE', 'SPEND LIMIT', 'RATE LIMIT', 'REVOKED'],
        list.data.map((key) => [
          key.id,
          key.prefix,
          key.name ?? '',
          key.workspace_id,
          key.spend_limit === null ? '' : `${key.spend_limit}/${key.spend_period}`,
          key.rate_limit ?? '',
          key.revoked_at ?? '',
        ]),
      ),
    );
  },
});
