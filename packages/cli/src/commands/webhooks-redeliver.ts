import type { WebhookWorkspaceQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['webhooks', 'redeliver'],
  summary: 'Send a delivery again, with the same webhook-id (POST .../deliveries/{deliveryId}/redeliver)',
  source: { route: 'webhooks.redeliverWebhook' },
  async run(context) {
    const client = await context.client();
    const { id, deliveryId } = context.input.params as { id: string; deliveryId: string };
    const delivery = await client.webhooks.redeliver(
      id,
      deliveryId,
      context.input.query as WebhookWorkspaceQuery,
    );
    context.printer.result(delivery, () => `delivery ${delivery.id} (${delivery.event_type}) queued again`);
  },
});
