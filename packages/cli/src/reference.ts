import type { Command, Option } from 'commander';
import type { CommandDefinition, CommandOutput, FlagGroup } from './command.js';
import { commandGroups, commands } from './commands/index.js';
import { exitCodeDescriptions } from './exit-codes.js';
import { sourceFlags } from './flags.js';
import { cliManifest } from './manifest.js';
import { buildProgram } from './program.js';

/** One flag as `--help` shows it, and the request field it fills, if any. */
export interface FlagReference {
  /** As in the help: `--prompt <value>`. */
  flags: string;
  description: string;
  required: boolean;
  defaultValue?: unknown;
  choices?: readonly string[];
  /** Where the value goes in the request; absent for the CLI's own flags (`--out`, `--json`). */
  field?: { group: FlagGroup; name: string };
}

export interface CommandReference {
  /** `ads video generate` */
  name: string;
  path: string[];
  summary: string;
  description: string;
  /** `ads video generate [options]` */
  usage: string;
  flags: FlagReference[];
  arguments: { name: string; description: string }[];
  examples: string[];
  /** The action or route the command calls, with its method and path. */
  calls?: { id: string; method: string; path: string };
  output?: CommandOutput;
}

export interface CliReference {
  commands: CommandReference[];
  groups: Record<string, string>;
  exitCodes: { code: number; meaning: string }[];
}

function routeOf(id: string): { id: string; method: string; path: string } {
  const route = cliManifest().routes[id];
  if (!route) throw new Error(`The contract has no route ${id}.`);
  return { id, method: route.method, path: route.path };
}

function callsOf({ source, output }: CommandDefinition): CommandReference['calls'] {
  if (source && 'action' in source) {
    const route = Object.values(cliManifest().routes).find(
      (entry) => entry.path === `/api/actions/${source.action}`,
    );
    if (!route) throw new Error(`The contract has no action ${source.action}.`);
    return { id: source.action, method: route.method, path: route.path };
  }
  if (source) return routeOf(source.route);
  return output && 'route' in output ? routeOf(output.route) : undefined;
}

function flagOf(option: Option, fields: Map<string, { group: FlagGroup; name: string }>): FlagReference {
  const field = fields.get(option.long ?? '');
  return {
    flags: option.flags,
    description: option.description,
    required: option.mandatory,
    ...(option.defaultValue === undefined ? {} : { defaultValue: option.defaultValue }),
    ...(option.argChoices ? { choices: option.argChoices } : {}),
    ...(field ? { field } : {}),
  };
}

/** Every command that runs something: the leaves, and a command that also holds commands (`ads account`). */
function runnable(
  command: Command,
  isCommand: (path: string[]) => boolean,
  path: string[] = [],
): [string[], Command][] {
  const own: [string[], Command][] = path.length > 0 && isCommand(path) ? [[path, command]] : [];
  return [
    ...own,
    ...command.commands.flatMap((child) => runnable(child, isCommand, [...path, child.name()])),
  ];
}

/**
 * The whole CLI as data, for the documentation: built by walking the same commander program that
 * `ads` runs (so flags, defaults and choices are what `--help` prints), with each flag's request
 * field from the contract's manifest.
 */
export function cliReference(): CliReference {
  const silent = { writeOut: () => {}, writeErr: () => {} };
  const program = buildProgram(commands, async () => {}, silent, commandGroups);
  const byPath = new Map(commands.map((definition) => [definition.path.join(' '), definition]));
  return {
    commands: runnable(program, (path) => byPath.has(path.join(' '))).map(([path, command]) => {
      const definition = byPath.get(path.join(' ')) as CommandDefinition;
      const fields = new Map(
        sourceFlags(definition.source).map(({ spec, group }) => [
          `--${spec.flag}`,
          { group, name: spec.field },
        ]),
      );
      const output =
        definition.output ??
        (definition.source && 'route' in definition.source ? { route: definition.source.route } : undefined);
      return {
        name: ['ads', ...path].join(' '),
        path,
        summary: definition.summary,
        description: definition.description ?? definition.summary,
        usage: `ads ${path.join(' ')} ${command.usage()}`,
        flags: command.options.map((option) => flagOf(option, fields)),
        arguments: definition.arguments ?? [],
        examples: definition.examples ?? [],
        calls: callsOf(definition),
        ...(output ? { output } : {}),
      };
    }),
    groups: commandGroups,
    exitCodes: Object.entries(exitCodeDescriptions).map(([code, meaning]) => ({
      code: Number(code),
      meaning,
    })),
  };
}
