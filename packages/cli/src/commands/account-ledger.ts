import type { LedgerQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';
import { formatTable } from '../table.js';

export default defineCommand({
  path: ['account', 'ledger'],
  summary: "Show the workspace's ledger: top-ups, reserves, refunds and adjustments, newest first",
  source: { route: 'ledger.listLedger' },
  examples: [
    'ads account ledger --limit 50',
    'ads account ledger --task-id 3f0b6c1e-8a2d-4b7e-9c51-2d6e8f4a1b90 --json',
  ],
  async run(context) {
    const client = await context.client();
    const page = await client.ledger.list(context.input.query as LedgerQuery);
    context.printer.result(page, () => {
      if (page.data.length === 0) return 'No ledger entries.';
      const rows = page.data.map((entry) => [
        entry.created_at,
        entry.kind,
        entry.amount > 0 ? `+${entry.amount}` : String(entry.amount),
        entry.task_id ?? '',
        entry.note ?? '',
      ]);
      const more = page.next_cursor ? `\nMore: ads account ledger --cursor ${page.next_cursor}` : '';
      return `${formatTable(['TIME', 'KIND', 'CREDITS', 'TASK', 'NOTE'], rows)}${more}`;
    });
  },
});
