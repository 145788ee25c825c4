import { InvalidArgumentError, Option } from 'commander';
import type { FlagGroup, FlagSource } from './command.js';
import { cliManifest, type FlagSpec } from './manifest.js';

export interface ResolvedFlag {
  spec: FlagSpec;
  /** Where the value is sent; undefined for the CLI's own flags. */
  group: FlagGroup | undefined;
  option: Option;
}

function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new InvalidArgumentError('must be a number.');
  return number;
}

function parseJsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError(`must be JSON, e.g. '{"duration":5}'.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidArgumentError(`must be a JSON object, e.g. '{"duration":5}'.`);
  }
  return parsed as Record<string, unknown>;
}

function describe(spec: FlagSpec): string {
  const parts = [spec.description.replace(/: a comma-separated string or an array\.$/, ', comma-separated.')];
  if (spec.kind === 'list' && !/comma/i.test(spec.description)) parts.push('Comma-separated.');
  if (spec.nullable) parts.push('`none` turns it off.');
  if (spec.defaultValue !== undefined && !/default/i.test(spec.description)) {
    parts.push(`(default: ${JSON.stringify(spec.defaultValue)})`);
  }
  return parts.filter(Boolean).join(' ');
}

/** What `none` parses to: commander would turn a null into an empty string, so null is sent later. */
const turnedOff = Symbol('none');

/** A commander option for one flag spec: value placeholder, parser and choices by kind. */
export function optionFor(spec: FlagSpec): Option {
  const placeholder = {
    number: '<number>',
    json: '<json>',
    list: '<urls>',
    enum: '<value>',
    string: '<value>',
  };
  const option =
    spec.kind === 'boolean'
      ? new Option(`--${spec.flag}`, describe(spec))
      : new Option(`--${spec.flag} ${placeholder[spec.kind]}`, describe(spec));
  if (spec.kind === 'number') option.argParser(parseNumber);
  if (spec.kind === 'json') option.argParser(parseJsonObject);
  if (spec.kind === 'enum' && spec.choices)
    option.choices(spec.nullable ? [...spec.choices, 'none'] : spec.choices);
  if (spec.nullable) {
    // `none` sends null (a limit turned off); anything else is parsed as the flag's kind.
    const choices = spec.choices ?? [];
    const parse =
      spec.kind === 'number'
        ? parseNumber
        : (value: string) => {
            if (spec.kind !== 'enum' || choices.includes(value)) return value;
            throw new InvalidArgumentError(`must be one of ${[...choices, 'none'].join(', ')}.`);
          };
    option.argParser((value: string) => (value === 'none' ? turnedOff : parse(value)));
  }
  if (spec.required) option.makeOptionMandatory();
  return option;
}

/** The request flags of a source, read from the manifest the contract produced. */
export function sourceFlags(source: FlagSource | undefined): { spec: FlagSpec; group: FlagGroup }[] {
  if (!source) return [];
  const manifest = cliManifest();
  if ('action' in source) {
    const action = manifest.actions[source.action];
    if (!action) throw new Error(`The contract has no action ${source.action}.`);
    return action.flags.map((spec) => ({ spec, group: 'body' as const }));
  }
  const route = manifest.routes[source.route];
  if (!route) throw new Error(`The contract has no route ${source.route}.`);
  const omitted = new Set(source.omit ?? []);
  return (Object.entries(route.flags) as [FlagGroup, FlagSpec[]][]).flatMap(([group, specs]) =>
    specs
      .filter((spec) => !omitted.has(spec.field))
      .map((spec) => ({ spec: { ...spec, flag: source.renames?.[spec.field] ?? spec.flag }, group })),
  );
}

/** Splits parsed option values into request fields by group and the CLI's own options. */
export function collectInput(flags: ResolvedFlag[], values: Record<string, unknown>) {
  const input: Record<FlagGroup, Record<string, unknown>> = { params: {}, query: {}, body: {} };
  const options: Record<string, unknown> = {};
  for (const { spec, group, option } of flags) {
    const value = values[option.attributeName()];
    if (value === undefined) continue;
    if (group) input[group][spec.field] = value === turnedOff ? null : value;
    else options[option.attributeName()] = value;
  }
  return { input, options };
}
