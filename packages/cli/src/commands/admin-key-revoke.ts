import { adminTokenFlag, defineCommand } from '../command.js';

export default defineCommand({
  path: ['admin', 'keys', 'revoke'],
  summary: 'Revoke an API key (admin)',
  source: { route: 'admin.revokeKey', renames: { id: 'key-id' } },
  flags: [adminTokenFlag],
  async run(context) {
    const client = await context.client({ admin: true });
    const { id } = context.input.params as { id: string };
    const key = await client.admin.keys.revoke(id);
    context.printer.result(key, () => `Revoked ${key.prefix}… (${key.id}).`);
  },
});
