import type { AddCreditsInput } from '@ads/sdk';
import { adminTokenFlag, defineCommand } from '../command.js';

export default defineCommand({
  path: ['admin', 'credits', 'add'],
  summary: "Top up a workspace's credits (admin)",
  description: 'Sent once and never retried: if the answer is lost, check the balance before trying again.',
  source: { route: 'admin.addCredits', renames: { id: 'workspace-id' } },
  flags: [adminTokenFlag],
  examples: ['ads admin credits add --workspace-id <id> --amount 500 --note "monthly top-up"'],
  async run(context) {
    const client = await context.client({ admin: true });
    const { id } = context.input.params as { id: string };
    const result = await client.admin.workspaces.addCredits(id, context.input.body as AddCreditsInput);
    context.printer.result(
      result,
      () =>
        `Added ${result.entry.amount} credits: ${result.workspace.name} now has ${result.workspace.balance}.`,
    );
  },
});
