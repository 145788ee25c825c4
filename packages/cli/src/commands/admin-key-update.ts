import type { UpdateKeyInput } from '@ads/sdk';
import { adminTokenFlag, defineCommand } from '../command.js';

export default defineCommand({
  path: ['admin', 'keys', 'update'],
  summary: "Change an API key's spend limit or rate limit (admin)",
  description:
    'What is not given stays as it is. --spend-limit with --period day|month (UTC); --rate like 60/min. Other instances see the change within 5 s.',
  source: {
    route: 'admin.updateKey',
    renames: { id: 'key-id', spend_period: 'period', rate_limit: 'rate' },
  },
  flags: [adminTokenFlag],
  examples: [
    'ads admin keys update --key-id key_9b1d3f5a7c2e4a6b8d0f --spend-limit 2000 --period month --rate 60/min',
  ],
  async run(context) {
    const client = await context.client({ admin: true });
    const { id } = context.input.params as { id: string };
    const key = await client.admin.keys.update(id, context.input.body as UpdateKeyInput);
    context.printer.result(key, () =>
      [
        `${key.prefix}… (${key.id})`,
        `spend limit: ${key.spend_limit === null ? 'none' : `${key.spend_limit} credits per ${key.spend_period}`}`,
        `rate limit:  ${key.rate_limit ?? 'none'}`,
      ].join('\n'),
    );
  },
});
