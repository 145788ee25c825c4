import type { AppRoute } from '@ts-rest/core';
import type { z } from 'zod';
import type { ActionDefinition } from './actions/action-registry.js';
import { actionJsonSchemas } from './actions/action-registry.js';
import { type JsonSchema, toJsonSchema } from './json-schema.js';
import type { RouteMetadata } from './route-metadata.js';

export type FlagKind = 'string' | 'number' | 'boolean' | 'enum' | 'list' | 'json';

/** A CLI flag derived from one field of a request schema. */
export interface FlagSpec {
  flag: string;
  field: string;
  kind: FlagKind;
  description: string;
  required: boolean;
  choices?: string[];
  defaultValue?: unknown;
  /** The field takes null: the flag's value `none` sends it (a limit turned off). */
  nullable?: boolean;
}

/** Where a route's fields travel: the path, the query string or the JSON body. */
export type RouteFlagGroups = Partial<Record<'params' | 'query' | 'body', FlagSpec[]>>;

/** `timeoutMs` → `timeout-ms`, `image_input` → `image-input`. */
export function kebabCase(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

function kindOf(property: JsonSchema): Pick<FlagSpec, 'kind' | 'choices' | 'nullable'> {
  if (Array.isArray(property.enum)) return { kind: 'enum', choices: property.enum.map(String) };
  const variants = (property.anyOf ?? property.oneOf) as JsonSchema[] | undefined;
  if (variants?.some((variant) => variant.type === 'array')) return { kind: 'list' };
  const [value, ...others] = variants?.filter((variant) => variant.type !== 'null') ?? [];
  if (value && others.length === 0 && variants?.length === 2) return { ...kindOf(value), nullable: true };
  switch (property.type) {
    case 'integer':
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'object':
      return { kind: 'json' };
    default:
      return { kind: 'string' };
  }
}

/**
 * The flags of one object schema: every property becomes `--kebab-name` unless the route's
 * metadata names it otherwise (`timeoutMs` → `--timeout`) or hides it from the CLI.
 */
export function schemaFlags(schema: JsonSchema, metadata: Partial<RouteMetadata> = {}): FlagSpec[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const renames = metadata.cliFlags ?? {};
  const hidden = new Set(metadata.cliHidden ?? []);
  return Object.entries(properties)
    .filter(([field]) => !hidden.has(field))
    .map(([field, property]) => ({
      flag: renames[field] ?? kebabCase(field),
      field,
      ...kindOf(property),
      description: typeof property.description === 'string' ? property.description : '',
      required: required.has(field) && property.default === undefined,
      ...(property.default !== undefined ? { defaultValue: property.default } : {}),
    }));
}

/** The flags of an action, read off its input JSON Schema and route metadata. */
export function actionFlags(definition: ActionDefinition): FlagSpec[] {
  return schemaFlags(actionJsonSchemas(definition).input, definition.route.metadata);
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** The flags of any route, grouped by where each field is sent. */
export function routeFlags(route: AppRoute): RouteFlagGroups {
  const metadata = (route.metadata ?? {}) as Partial<RouteMetadata>;
  const groups: RouteFlagGroups = {};
  const sources = {
    params: route.pathParams,
    query: route.query,
    body: 'body' in route ? route.body : undefined,
  };
  for (const [group, schema] of Object.entries(sources) as [keyof RouteFlagGroups, unknown][]) {
    if (isZodSchema(schema)) groups[group] = schemaFlags(toJsonSchema(schema, 'input'), metadata);
  }
  return groups;
}
