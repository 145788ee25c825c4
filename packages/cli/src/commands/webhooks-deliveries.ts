import type { WebhookDeliveriesQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';
import { formatTable } from '../table.js';

export default defineCommand({
  path: ['webhooks', 'deliveries'],
  summary: "An endpoint's deliveries, newest first, with every attempt",
  description: 'Send one again with ads webhooks redeliver --id ENDPOINT --delivery-id DELIVERY.',
  source: { route: 'webhooks.listWebhookDeliveries' },
  async run(context) {
    const client = await context.client();
    const { id } = context.input.params as { id: string };
    const page = await client.webhooks.deliveries(id, context.input.query as Partial<WebhookDeliveriesQuery>);
    context.printer.result(page, () => {
      if (page.data.length === 0) return `No deliveries to ${id} yet.`;
      const rows = page.data.map((delivery) => {
        const last = delivery.attempts.at(-1);
        return [
          delivery.id,
          delivery.event_type,
          delivery.status,
          String(delivery.attempts.length),
          last
            ? `${last.status_code ?? '-'} ${last.latency_ms} ms${last.error ? ` ${last.error}` : ''}`
            : '-',
          delivery.task_id,
        ];
      });
      return formatTable(['DELIVERY', 'EVENT', 'STATUS', 'ATTEMPTS', 'LAST ANSWER', 'TASK'], rows);
    });
  },
});
