import type { AccountQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['account'],
  summary: 'Show your workspace, its balance and the key in use',
  source: { route: 'account.getAccount' },
  async run(context) {
    const client = await context.client();
    const account = await client.account.get(context.input.query as AccountQuery);
    context.printer.result(account, () =>
      [
        `workspace: ${account.workspace.name} (${account.workspace.id})`,
        `balance:   ${account.workspace.balance} credits`,
        `key:       ${account.key ? `${account.key.prefix}… (${account.key.name ?? 'unnamed'})` : 'a console session'}`,
        `host:      ${context.connection().host}`,
        account.webhooks_disabled
          ? 'webhooks:  an endpoint was disabled after failing for a day (ads webhooks list)'
          : '',
        account.workspaces.length > 1
          ? `other workspaces: ${account.workspaces
              .filter((workspace) => workspace.id !== account.workspace.id)
              .map((workspace) => `${workspace.name} (${workspace.id})`)
              .join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },
});
