import type { CreateKeyInput } from '@ads/sdk';
import { adminTokenFlag, defineCommand } from '../command.js';

export default defineCommand({
  path: ['admin', 'keys', 'create'],
  summary: 'Create an API key for a workspace (admin)',
  source: { route: 'admin.createKey', renames: { spend_period: 'period', rate_limit: 'rate' } },
  flags: [adminTokenFlag],
  async run(context) {
    const client = await context.client({ admin: true });
    const key = await client.admin.keys.create(context.input.body as CreateKeyInput);
    context.printer.result(
      key,
      () => `${key.api_key}\n(shown this once: store it now; workspace ${key.workspace_id})`,
    );
  },
});
