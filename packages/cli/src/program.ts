import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CommandContext, CommandDefinition } from './command.js';
import { jsonFlag } from './command.js';
import { exitCodeHelp } from './exit-codes.js';
import { collectInput, optionFor, type ResolvedFlag, sourceFlags } from './flags.js';

export type RunCommand = (
  definition: CommandDefinition,
  parsed: Pick<CommandContext, 'input' | 'options' | 'args' | 'flagNames'>,
) => Promise<void>;

function version(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return (packageJson as { version: string }).version;
}

function leafFor(definition: CommandDefinition, run: RunCommand, parent: Command): Command {
  const name = definition.path.at(-1) as string;
  const command = parent.command(name).summary(definition.summary);
  command.description(definition.description ?? definition.summary);
  const flags: ResolvedFlag[] = [
    ...sourceFlags(definition.source).map(({ spec, group }) => ({ spec, group, option: optionFor(spec) })),
    ...[...(definition.flags ?? []), jsonFlag].map((spec) => ({
      spec,
      group: undefined,
      option: optionFor(spec),
    })),
  ];
  for (const flag of flags) command.addOption(flag.option);
  for (const argument of definition.arguments ?? [])
    command.argument(`<${argument.name}>`, argument.description);
  if (definition.examples?.length) {
    command.addHelpText('after', `\nExamples:\n${definition.examples.map((line) => `  ${line}`).join('\n')}`);
  }
  command.action(async (...received: unknown[]) => {
    const args = received.slice(0, definition.arguments?.length ?? 0) as string[];
    const { input, options } = collectInput(flags, command.opts());
    const flagNames = Object.fromEntries(
      flags.filter((flag) => flag.group).map((flag) => [flag.spec.field, `--${flag.spec.flag}`]),
    );
    await run(definition, { input, options, args, flagNames });
  });
  return command;
}

/**
 * The `ads` program: noun-verb commands from their declarations, flags from the contract's
 * manifest, one exit-code table in the help.
 */
export function buildProgram(
  definitions: CommandDefinition[],
  run: RunCommand,
  output: { writeOut(text: string): void; writeErr(text: string): void },
  groupDescriptions: Record<string, string> = {},
): Command {
  const program = new Command('ads')
    .description('Generate AI videos through an ads gateway, and manage its tasks, models and keys.')
    .version(version(), '-v, --version')
    .exitOverride()
    .configureOutput({ ...output, outputError: () => {} })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `\n${exitCodeHelp()}\n\nConfig: ads login saves to $XDG_CONFIG_HOME/ads/config.json (mode 0600); ADS_HOST, ADS_API_KEY and ADS_ADMIN_TOKEN override it.`,
    );
  const groups = new Map<string, Command>([['', program]]);
  const groupFor = (path: string[]): Command => {
    const key = path.join(' ');
    const known = groups.get(key);
    if (known) return known;
    const parent = groupFor(path.slice(0, -1));
    const group = parent
      .command(path.at(-1) as string)
      .description(groupDescriptions[key] ?? `${key} commands`);
    group.addHelpText('after', `\n${exitCodeHelp()}`);
    groups.set(key, group);
    return group;
  };
  for (const definition of definitions) {
    const command = leafFor(definition, run, groupFor(definition.path.slice(0, -1)));
    // A command may also hold commands of its own (`ads account`, `ads account ledger`).
    const key = definition.path.join(' ');
    if (!groups.has(key)) groups.set(key, command);
  }
  return program;
}
