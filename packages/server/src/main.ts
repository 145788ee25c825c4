import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { backupCommands } from './cli/backup-commands.js';
import { creditsCommands } from './cli/credits-commands.js';
import { keysCommands } from './cli/keys-commands.js';
import { withAdmin } from './cli/operator-store.js';
import { pricesCommands } from './cli/prices-commands.js';
import { tasksCommands } from './cli/tasks-commands.js';
import { usersCommands } from './cli/users-commands.js';
import { ConfigError, type GatewayConfig, loadConfig } from './config.js';
import { GatewayError } from './engine/gateway-error.js';
import { environmentVariables } from './environment-variables.js';
import { startGateway } from './gateway.js';

const config = (): GatewayConfig => loadConfig();

async function start(): Promise<void> {
  const gateway = await startGateway(config());
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`ads-server: ${signal}, finishing requests in flight…\n`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`ads-server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGHUP', () => {
    try {
      const source = gateway.reloadPrices();
      process.stderr.write(
        `ads-server: SIGHUP, ${source.rules.length} price rules loaded from ${source.file ?? '(none)'}\n`,
      );
    } catch (error) {
      process.stderr.write(
        `ads-server: SIGHUP, ${(error as Error).message}\nads-server: the price rules in force stay.\n`,
      );
    }
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

const program = new Command('ads-server')
  .description('The ads gateway: one API for AI video generation across providers.')
  .showHelpAfterError()
  .exitOverride()
  .addHelpText('after', environmentHelp());

/** The environment reference, as the docs print it: each variable, its default, what it does. */
function environmentHelp(): string {
  const lines = environmentVariables.map(
    ({ name, defaultValue, description }) =>
      `  ${name}${defaultValue ? ` (default ${defaultValue})` : ''}\n      ${description.replaceAll('`', '')}`,
  );
  return `\nEnvironment:\n${lines.join('\n')}\nMore on each: the Self-hosting page of the documentation site.`;
}

program.command('start', { isDefault: true }).description('Run the gateway (the default)').action(start);
program
  .command('migrate')
  .description('Apply database migrations to the configured store and exit')
  .action(async () => {
    await withAdmin(config(), async (_admin, store) => {
      process.stdout.write(`Store (${store.engine}) is at the latest schema.\n`);
    });
  });
keysCommands(program, config);
usersCommands(program, config);
creditsCommands(program, config);
tasksCommands(program, config);
pricesCommands(program);
backupCommands(program, config);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A usage error a command's action raised (commander prints only those of its own parsing).
  if (error instanceof InvalidArgumentError) {
    process.stderr.write(`ads-server: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  const message =
    error instanceof ConfigError || GatewayError.isInstance(error) || error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`ads-server: ${message}\n`);
  process.exit(1);
}
