import { CommanderError } from 'commander';
import type { CommandContext } from './command.js';
import { commandGroups, commands } from './commands/index.js';
import { type Connection, resolveConnection } from './config.js';
import { describeError } from './describe-error.js';
import { exitCodes } from './exit-codes.js';
import { CliFailure, usageFailure } from './failure.js';
import { type OutputStreams, Printer } from './printer.js';
import { buildProgram } from './program.js';

export interface CliEnvironment {
  streams: OutputStreams;
  environment: NodeJS.ProcessEnv;
  cwd: string;
}

/** The SDK client for a command, checked for the credentials it needs before anything is sent. */
function clientFactory(context: Pick<CommandContext, 'connection' | 'options'>): CommandContext['client'] {
  return async ({ admin = false } = {}) => {
    const connection = context.connection();
    const adminToken = (context.options.adminToken as string | undefined) ?? connection.adminToken;
    if (admin && !adminToken) {
      throw new CliFailure({
        message: 'Admin commands need the gateway’s admin token.',
        code: 'no_admin_token',
        exitCode: exitCodes.auth,
        hint: "Pass --admin-token <token> or set ADS_ADMIN_TOKEN (the server's ADS_ADMIN_TOKEN).",
      });
    }
    if (!admin && !connection.apiKey) {
      throw new CliFailure({
        message: `Not logged in to ${connection.host}: no API key.`,
        code: 'not_logged_in',
        exitCode: exitCodes.auth,
        hint: `Run: ads login --host ${connection.host} --api-key <sk-...> (or set ADS_API_KEY).`,
      });
    }
    const { createClient } = await import('@ads/sdk');
    return createClient({ baseUrl: connection.host, apiKey: connection.apiKey, adminToken });
  };
}

/** Runs one `ads` invocation and answers its exit code; everything it prints goes through one printer. */
export async function runCli(argv: string[], cli: CliEnvironment): Promise<number> {
  const printer = new Printer(argv.includes('--json'), cli.streams);
  let connection: Connection | undefined;
  let active: CommandContext | undefined;
  const program = buildProgram(
    commands,
    async (definition, parsed) => {
      const base = {
        ...parsed,
        printer,
        environment: cli.environment,
        cwd: cli.cwd,
        connection: () => {
          connection ??= resolveConnection(cli.environment);
          return connection;
        },
      };
      active = { ...base, client: clientFactory(base) };
      await definition.run(active);
    },
    {
      writeOut: (text) => cli.streams.stdout.write(text),
      writeErr: (text) => cli.streams.stderr.write(text),
    },
    commandGroups,
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCodes.success;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return exitCodes.success;
      const message = error.message.replace(/^error: /, '');
      const failure = usageFailure(message.charAt(0).toUpperCase() + message.slice(1));
      if (error.code !== 'commander.help' && error.code !== 'commander.helpDisplayed')
        printer.failure(failure);
      return failure.exitCode;
    }
    let host: string | undefined;
    try {
      host = active?.connection().host;
    } catch {
      host = undefined;
    }
    const failure = describeError(error, host, active?.flagNames);
    printer.failure(failure);
    return failure.exitCode;
  }
}
