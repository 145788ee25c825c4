import { type Command, InvalidArgumentError, Option } from 'commander';
import type { GatewayConfig } from '../config.js';
import { ledgerEntryView, workspaceView } from '../http/views/account-views.js';
import { printJson, withAdmin } from './operator-store.js';

export function creditsCommands(program: Command, config: () => GatewayConfig): void {
  const credits = program.command('credits').description("Top up a workspace's credits");
  credits
    .command('add')
    .description('Add credits to a workspace (a top-up entry in its ledger)')
    .option('--workspace-id <id-or-name>', 'workspace id or name')
    .addOption(new Option('--workspace <name>', 'the same as --workspace-id').hideHelp())
    .requiredOption('--amount <n>', 'credits to add')
    .option('--note <text>', 'why, for the ledger')
    .option('--json', 'print JSON, as POST /v1/admin/workspaces/:id/credits answers it')
    .action(
      async (options: {
        workspaceId?: string;
        workspace?: string;
        amount: string;
        note?: string;
        json?: boolean;
      }) => {
        await withAdmin(config(), async (admin) => {
          const named = options.workspaceId ?? options.workspace;
          if (!named)
            throw new InvalidArgumentError('name the workspace: --workspace-id ws_... (or its name)');
          const { workspace } = await admin.workspaceNamed(named, 0);
          const result = await admin.addCredits(workspace.id, Number(options.amount), options.note);
          if (options.json)
            printJson({ workspace: workspaceView(result.workspace), entry: ledgerEntryView(result.entry) });
          else
            process.stdout.write(
              `${workspace.name} (${workspace.id}) now has ${result.workspace.balance} credits.\n`,
            );
        });
      },
    );
  program
    .command('workspaces')
    .description('List workspaces with their balances')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withAdmin(config(), async (admin) => {
        const rows = (await admin.listWorkspaces()).map(workspaceView);
        if (options.json) printJson(rows);
        else for (const row of rows) process.stdout.write(`${row.id}  ${row.name}  ${row.balance} credits\n`);
      });
    });
}
