import type { WebhookWorkspaceQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['webhooks', 'remove'],
  summary: 'Remove a webhook endpoint (DELETE /v1/webhooks/{id}); its pending deliveries end with it',
  source: { route: 'webhooks.deleteWebhook' },
  async run(context) {
    const client = await context.client();
    const { id } = context.input.params as { id: string };
    const removed = await client.webhooks.remove(id, context.input.query as WebhookWorkspaceQuery);
    context.printer.result(removed, () => `endpoint ${removed.id} removed`);
  },
});
