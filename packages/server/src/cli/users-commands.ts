import { emailField, passwordField, type UserRole } from '@ads/contract';
import { type Command, InvalidArgumentError } from 'commander';
import { ConsoleUsers, userView } from '../auth/console-users.js';
import type { GatewayConfig } from '../config.js';
import { printJson, withAdmin } from './operator-store.js';

/** A flag's value checked by the contract's own field, with the flag named in the error. */
const checked =
  (flag: string, field: typeof emailField | typeof passwordField) =>
  (value: string): string => {
    const result = field.safeParse(value);
    if (!result.success)
      throw new InvalidArgumentError(`${flag} ${result.error.issues[0]?.message ?? 'is not valid'}`);
    return result.data;
  };

/** The password piped in (`--password-stdin`): never a flag, so it stays out of shell history and `ps`. */
async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new InvalidArgumentError(
      '--password-stdin reads the password from a pipe: echo "$PASSWORD" | ads-server users create ...',
    );
  }
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.length > 1000)
      throw new InvalidArgumentError('--password-stdin: the password is longer than 200 characters');
  }
  return checked('--password-stdin: the password', passwordField)(text.replace(/\r?\n$/, ''));
}

const publicUrl = (config: GatewayConfig) =>
  config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;

async function withUsers<T>(config: GatewayConfig, work: (users: ConsoleUsers) => Promise<T>): Promise<T> {
  return withAdmin(config, (admin, store) =>
    work(new ConsoleUsers(store, admin, Date.now, () => publicUrl(config))),
  );
}

interface UserOptions {
  email: string;
  workspace: string;
  operator?: boolean;
  json?: boolean;
}

const roleOf = (options: UserOptions): UserRole => (options.operator ? 'operator' : 'user');

export function usersCommands(program: Command, config: () => GatewayConfig): void {
  const users = program.command('users').description('Console users: create, invite, list, disable');
  users
    .command('create')
    .description('Create a console user with a password (the workspace is created when it does not exist)')
    .requiredOption('--email <email>', "the user's email, to sign in with", checked('--email', emailField))
    .requiredOption('--password-stdin', 'read the password (10 characters or more) from standard input')
    .option('--workspace <name>', 'the workspace (id or name) the user works in', 'default')
    .option('--operator', 'also reach the operator pages and the admin API')
    .option('--json', 'print the user as POST /v1/admin/users answers it')
    .action(async (options: UserOptions) => {
      const password = await passwordFromStdin();
      await withUsers(config(), async (service) => {
        const row = await service.createUser({
          email: options.email,
          password,
          workspace: options.workspace,
          role: roleOf(options),
        });
        if (options.json) printJson(userView(row));
        else
          process.stdout.write(
            `Created ${row.role} ${row.email} (${row.id}) in workspace ${row.workspace_id}.\nSign in at ${publicUrl(config())}/\n`,
          );
      });
    });
  users
    .command('invite')
    .description('Print a one-time link where the user chooses a password (valid 7 days)')
    .requiredOption('--email <email>', "the user's email", checked('--email', emailField))
    .option('--workspace <name>', 'the workspace (id or name) the user works in', 'default')
    .option('--operator', 'also reach the operator pages and the admin API')
    .option('--json', 'print the invite as POST /v1/admin/invites answers it')
    .action(async (options: UserOptions) => {
      await withUsers(config(), async (service) => {
        const invite = await service.invite({
          email: options.email,
          workspace: options.workspace,
          role: roleOf(options),
        });
        if (options.json) printJson(invite);
        else
          process.stdout.write(
            `Invite for ${invite.email} (works once, until ${invite.expires_at}):\n${invite.url}\n`,
          );
      });
    });
  users
    .command('list')
    .description('List console users')
    .option('--json', 'print the list as GET /v1/admin/users answers it')
    .action(async (options: { json?: boolean }) => {
      await withUsers(config(), async (service) => {
        const rows = (await service.listUsers()).map(userView);
        if (options.json) printJson({ object: 'list', data: rows });
        else
          for (const user of rows)
            process.stdout.write(
              `${user.id}  ${user.email}  ${user.role}  ${user.workspace_id}${user.disabled_at ? '  disabled' : ''}\n`,
            );
      });
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(name)
      .description(
        disabled ? 'Disable a user: signs them out and refuses sign-in' : 'Enable a disabled user again',
      )
      .requiredOption('--user-id <id>', 'the user (usr_..., see ads-server users list)')
      .option('--json', 'print the user as PATCH /v1/admin/users/{id} answers it')
      .action(async (options: { userId: string; json?: boolean }) => {
        await withUsers(config(), async (service) => {
          const user = userView(await service.setDisabled(options.userId, disabled));
          if (options.json) printJson(user);
          else process.stdout.write(`${user.email} is ${disabled ? 'disabled' : 'enabled'}.\n`);
        });
      });
  }
}
