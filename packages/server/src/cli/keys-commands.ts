import { type Command, InvalidArgumentError, Option } from 'commander';
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

/** The key a command names, positionally or as `--key-id` (the admin CLI's flag). */
function keyIdOf(id: string | undefined, options: { keyId?: string }): string {
  const key = options.keyId ?? id;
  if (!key) throw new InvalidArgumentError('name the key: --key-id key_... (see ads-server keys list)');
  return key;
}

export function keysCommands(program: Command, config: () => GatewayConfig): void {
  const keys = program.command('keys').description('Create, list and revoke API keys');
  keys
    .command('create')
    .description('Create an API key (the workspace is created when it does not exist)')
    .option('--workspace-id <id-or-name>', 'workspace id, or a name (created when it does not exist)')
    .addOption(new Option('--workspace <name>', 'the same as --workspace-id').hideHelp())
    .option('--credits <n>', 'credits to add to the workspace', whole, 0)
    .option('--name <name>', 'a label for the key')
    .option('--spend-limit <n>', limitDescriptions.spendLimit, whole)
    .option('--period <period>', limitDescriptions.period)
    .option('--rate <rate>', limitDescriptions.rate)
    .option('--json', 'print the key as POST /v1/admin/keys answers it (with api_key, shown this once)')
    .action(
      async (
        options: LimitOptions & {
          workspaceId?: string;
          workspace?: string;
          credits: number;
          name?: string;
          json?: boolean;
        },
      ) => {
        await withAdmin(config(), async (admin) => {
          const named = options.workspaceId ?? options.workspace ?? 'default';
          const { workspace, created } = await admin.workspaceNamed(named, options.credits);
          if (!created && options.credits > 0)
            await admin.addCredits(workspace.id, options.credits, 'ads-server keys create');
          const { apiKey, row } = await admin.createKey(workspace.id, options.name, limitsOf(options));
          if (options.json) printJson({ ...apiKeyView(row), api_key: apiKey });
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
    .argument('[id]', 'the key id, key_... (see keys list); or --key-id')
    .option('--key-id <id>', 'the key id, key_... (as ads admin keys update takes it)')
    .option('--spend-limit <n|none>', limitDescriptions.spendLimit, limitOrNone(whole))
    .option('--period <period>', limitDescriptions.period)
    .option('--rate <rate|none>', limitDescriptions.rate, limitOrNone(String))
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, options: LimitOptions & { keyId?: string; json?: boolean }) => {
      await withAdmin(config(), async (admin) => {
        const row = apiKeyView(await admin.updateKey(keyIdOf(id, options), limitsOf(options)));
        if (options.json) printJson(row);
        else process.stdout.write(`${row.id} (${row.prefix}…): ${limitsLine(row)}.\n`);
      });
    });
  keys
    .command('list')
    .description('List API keys (never the keys themselves)')
    .option('--workspace-id <id>', 'only this workspace')
    .addOption(new Option('--workspace <id>', 'the same as --workspace-id').hideHelp())
    .option('--json', 'print JSON, as GET /v1/admin/keys answers it')
    .action(async (options: { workspaceId?: string; workspace?: string; json?: boolean }) => {
      await withAdmin(config(), async (admin) => {
        const rows = (await admin.listKeys(options.workspaceId ?? options.workspace)).map(apiKeyView);
        if (options.json) printJson({ object: 'list', data: rows });
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
    .argument('[id]', 'the key id, key_...; or --key-id')
    .option('--key-id <id>', 'the key id, key_... (as ads admin keys revoke takes it)')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, options: { keyId?: string; json?: boolean }) => {
      await withAdmin(config(), async (admin) => {
        const row = apiKeyView(await admin.revokeKey(keyIdOf(id, options)));
        if (options.json) printJson(row);
        else process.stdout.write(`Revoked ${row.id} (${row.prefix}…).\n`);
      });
    });
}
