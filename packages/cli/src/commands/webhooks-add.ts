import type { CreateWebhookInput } from '@ads/sdk';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['webhooks', 'add'],
  summary: 'Add a webhook endpoint: task events are POSTed to it, signed (POST /v1/webhooks)',
  description:
    'The signing secret is printed this once: keep it to verify deliveries (verifyWebhook in @ads/sdk/webhooks, or any Standard Webhooks library). By default the endpoint gets video.task.succeeded, failed and canceled; add video.task.running with --events.',
  source: { route: 'webhooks.createWebhook' },
  examples: [
    'ads webhooks add --url https://example.com/ads-events',
    'ads webhooks add --url https://example.com/ads-events --events video.task.succeeded,video.task.running',
  ],
  async run(context) {
    const client = await context.client();
    const endpoint = await client.webhooks.create(context.input.body as CreateWebhookInput);
    context.printer.result(endpoint, () =>
      [
        `endpoint ${endpoint.id} → ${endpoint.url}`,
        `events:  ${endpoint.events.join(', ')}`,
        `secret:  ${endpoint.secret}   (shown this once: store it now)`,
      ].join('\n'),
    );
  },
});
