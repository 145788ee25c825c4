import type { AdsClient } from '@ads/sdk';
import type { Connection } from './config.js';
import type { FlagSpec } from './manifest.js';
import type { Printer } from './printer.js';

export type FlagGroup = 'params' | 'query' | 'body';

/** Where a command's request flags come from: an action's input, or a route's params, query and body. */
export type FlagSource =
  | { action: string }
  | { route: string; renames?: Record<string, string>; omit?: string[] };

export interface CommandContext {
  printer: Printer;
  /** The request fields the flags filled, by where they are sent. */
  input: Record<FlagGroup, Record<string, unknown>>;
  /** Values of the CLI's own flags (`--out`, `--wait`, ...), by camelCase name. */
  options: Record<string, unknown>;
  /** Positional arguments. */
  args: string[];
  /** The flag of each request field the command sends (`prompt` → `--prompt`), for errors that name fields. */
  flagNames: Record<string, string>;
  environment: NodeJS.ProcessEnv;
  /** The folder relative paths are read from. */
  cwd: string;
  connection(): Connection;
  /** An SDK client for the configured gateway (loaded on first use, so `--help` stays fast). */
  client(options?: { admin?: boolean }): Promise<AdsClient>;
}

/** A command as a declaration: noun-verb path, where its flags come from, and what it does. */
export interface CommandDefinition {
  path: [string, ...string[]];
  summary: string;
  description?: string;
  source?: FlagSource;
  /** Flags of the CLI itself, beside those read off the contract. */
  flags?: FlagSpec[];
  arguments?: { name: string; description: string }[];
  examples?: string[];
  /** What `--json` prints on success; commands with a route source print that route's answer. */
  output?: CommandOutput;
  run(context: CommandContext): Promise<void>;
}

/**
 * The `--json` document of a command: the seed's video document, a route's answer as the gateway
 * sends it, or a document of the CLI's own (field → what it holds).
 */
export type CommandOutput = { video: true } | { route: string } | { fields: Record<string, string> };

export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition;
}

export function cliFlag(
  flag: string,
  kind: FlagSpec['kind'],
  description: string,
  extra: Partial<FlagSpec> = {},
): FlagSpec {
  return { flag, field: flag, kind, description, required: false, ...extra };
}

export const jsonFlag = cliFlag('json', 'boolean', 'Print one JSON document on stdout (errors included).');
export const adminTokenFlag = cliFlag(
  'admin-token',
  'string',
  "The gateway's ADS_ADMIN_TOKEN (default: $ADS_ADMIN_TOKEN, then the saved login).",
);
