import type { Command } from 'commander';
import type { GatewayConfig } from '../config.js';
import { apiKeyView } from '../http/views/account-views.js';
import { printJson, withAdmin } from './operator-store.js';

const whole = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`"${value}" is not a whole number`);
  return number;
};

export function keysCommands(program: Command, config: () => GatewayConfig): void {
  const keys = program.command('keys').description('Create, list and revoke API keys');
  keys
    .command('create')
    .description('Create an API key (the workspace is created when it does not exist)')
    .option('--workspace <name>', 'workspace name or id', 'default')
    .option('--credits <n>', 'credits to add to the workspace', whole, 0)
    .option('--name <name>', 'a label for the key')
    .option('--json', 'print {"apiKey", "workspaceId"} as JSON')
    .action(async (options: { workspace: string; credits: number; name?: string; json?: boolean }) => {
      await withAdmin(config(), async (admin) => {
        const { workspace, created } = await admin.workspaceNamed(options.workspace, options.credits);
        if (!created && options.credits > 0)
          await admin.addCredits(workspace.id, options.credits, 'ads-server keys create');
        const { apiKey } = await admin.createKey(workspace.id, options.name);
        if (options.json) printJson({ apiKey, workspaceId: workspace.id });
        else {
          process.stdout.write(
            `API key for workspace ${workspace.name} (${workspace.id}), shown this once:\n${apiKey}\n`,
          );
        }
      });
    });
  keys
    .command('list')
    .description('List API keys (never the keys themselves)')
    .option('--workspace <id>', 'only this workspace')
    .option('--json', 'print JSON')
    .action(async (options: { workspace?: string; json?: boolean }) => {
      await withAdmin(config(), async (admin) => {
        const rows = (await admin.listKeys(options.workspace)).map(apiKeyView);
        if (options.json) printJson(rows);
        else
          for (const row of rows)
            process.stdout.write(
              `${row.id}  ${row.prefix}…  ${row.workspace_id}  ${row.revoked_at ? `revoked ${row.revoked_at}` : 'active'}\n`,
            );
      });
    });
  keys
    .command('revoke')
    .description('Revoke an API key by its id (see keys list)')
    .argument('<id>', 'the key id, key_...')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withAdmin(config(), async (admin) => {
        const row = apiKeyView(await admin.revokeKey(id));
        if (options.json) printJson(row);
        else process.stdout.write(`Revoked ${row.id} (${row.prefix}…).\n`);
      });
    });
}
