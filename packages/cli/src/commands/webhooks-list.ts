import type { WebhookWorkspaceQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';
import { formatTable } from '../table.js';

export default defineCommand({
  path: ['webhooks', 'list'],
  summary: "List the workspace's webhook endpoints",
  source: { route: 'webhooks.listWebhooks' },
  async run(context) {
    const client = await context.client();
    const page = await client.webhooks.list(context.input.query as WebhookWorkspaceQuery);
    context.printer.result(page, () => {
      if (page.data.length === 0) return 'No webhook endpoints. Add one with ads webhooks add --url URL.';
      const rows = page.data.map((endpoint) => [
        endpoint.id,
        endpoint.disabled ? 'disabled' : endpoint.failing_since ? 'failing' : 'ok',
        endpoint.url,
        endpoint.events.join(','),
      ]);
      const table = formatTable(['ENDPOINT', 'STATE', 'URL', 'EVENTS'], rows);
      return page.webhooks_disabled
        ? `${table}\nAn endpoint was disabled after failing for a day: fix the receiver, then remove it and add it again.`
        : table;
    });
  },
});
