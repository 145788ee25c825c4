import type { Command } from 'commander';
import type { KeyLimitsChange } from '../admin/admin-service.js';
import type { GatewayConfig } from '../config.js';
import { apiKeyView } from '../http/views/account-views.js';
import { printJson, withAdmin } from './operator-store.js';

const whole = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`"${value}" is not a whole number`);
  return number;
};

/** `none` turns a limit off (on keys update); anything else is checked by the admin service. */
const limitOrNone =
  <T>(parse: (value: string) => T) =>
  (value: string) =>
    value === 'none' ? null : parse(value);

interface LimitOptions {
  spendLimit?: number | null;
  period?: 'day' | 'month';
  rate?: string | null;
}

const limitsOf = (options: LimitOptions): KeyLimitsChange => ({
  ...(options.spendLimit !== undefined ? { spend_limit: options.spendLimit } : {}),
  ...(options.period !== undefined ? { spend_period: options.period } : {}),
  ...(options.rate !== undefined ? { rate_limit: options.rate } : {}),
});

const limitDescriptions = {
  spendLimit: 'most credits the key may spend per period (none: no limit)',
  period: 'the period of the spend limit, UTC: day or month',
  rate: 'most requests per window, e.g. 60/min (also /s, /h, /day; none: no limit)',
};

const limitsLine = (row: ReturnType<typeof apiKeyView>) =>
  [
    row.spend_limit === null ? 'no spend limit' : `spend limit ${row.spend_limit}/${row.spend_period}`,
    row.rate_limit === null ? 'no rate limit' : `rate limit ${row.rate_limit}`,
  ].join(', ');

export function keysCommands(program: Command, config: () => GatewayConfig): void {
  const keys = program.command('keys').description('Create, list and revoke API keys');
  keys
    .command('create')
    .description('Create an API key (the workspace is created when it does not exist)')
    .option('--workspace <name>', 'workspace name or id', 'default')
    .option('--credits <n>', 'credits to add to the workspace', whole, 0)
    .option('--name <name>', 'a label for the key')
    .option('--spend-limit <n>', limitDescriptions.spendLimit, whole)
    .option('--period <period>', limitDescriptions.period)
    .option('--rate <rate>', limitDescriptions.rate)
    .option('--json', 'print {"apiKey", "workspaceId"} as JSON')
    .action(
      async (
        options: LimitOptions & { workspace: string; credits: number; name?: string; json?: boolean },
      ) => {
        await withAdmin(config(), async (admin) => {
          const { workspace, created } = await admin.workspaceNamed(options.workspace, options.credits);
          if (!created && options.credits > 0)
            await admin.addCredits(workspace.id, options.credits, 'ads-server keys create');
          const { apiKey, row } = await admin.createKey(workspace.id, options.name, limitsOf(options));
          if (options.json) printJson({ apiKey, workspaceId: workspace.id });
          else {
            process.stdout.write(
              `API key for workspace ${workspace.name} (${workspace.id}), ${limitsLine(apiKeyView(row))}, shown this once:\n${apiKey}\n`,
            );
          }
        });
      },
    );
  keys
    .command('update')
    .description("Change a key's spend limit or rate limit (what is not given stays as it is)")
    .argument('<id>', 'the key id, key_... (see keys list)')
    .option('--spend-limit <n|none>', limitDescriptions.spendLimit, limitOrNone(whole))
    .option('--period <period>', limitDescriptions.period)
    .option('--rate <rate|none>', limitDescriptions.rate, limitOrNone(String))
    .option('--json', 'print JSON')
    .action(async (id: string, options: LimitOptions & { json?: boolean }) => {
      await withAdmin(config(), async (admin) => {
        const row = apiKeyView(await admin.updateKey(id, limitsOf(options)));
        if (options.json) printJson(row);
        else process.stdout.write(`${row.id} (${row.prefix}…): ${limitsLine(row)}.\n`);
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
              `${row.id}  ${row.prefix}…  ${row.workspace_id}  ${row.revoked_at ? `revoked ${row.revoked_at}` : 'active'}  ${limitsLine(row)}\n`,
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
