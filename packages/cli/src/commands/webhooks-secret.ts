import type { WebhookWorkspaceQuery } from '@ads/sdk';
import { cliFlag, defineCommand } from '../command.js';

export default defineCommand({
  path: ['webhooks', 'secret'],
  summary: 'Show (or --rotate) the secret per-request callbacks are signed with',
  description:
    'A request with callback_url (callbackUrl) and no callback_secret is signed with this whsec_ secret. --rotate replaces it: callbacks sent from then on verify only with the new one.',
  source: { route: 'webhooks.getSigningSecret' },
  flags: [cliFlag('rotate', 'boolean', 'Replace the secret with a new one (the old one stops verifying).')],
  async run(context) {
    const client = await context.client();
    const query = context.input.query as WebhookWorkspaceQuery;
    const secret = context.options.rotate
      ? await client.webhooks.rotateSigningSecret(query)
      : await client.webhooks.signingSecret(query);
    context.printer.result(secret, () =>
      context.options.rotate ? `new signing secret: ${secret.secret}` : secret.secret,
    );
  },
});
