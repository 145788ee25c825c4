import { type ActionDefinition, actionJsonSchemas } from './actions/action-registry.js';
import type { JsonSchema } from './json-schema.js';

export type FlagKind = 'string' | 'number' | 'boolean' | 'enum' | 'list' | 'json';

/** A CLI flag derived from one field of an action's input schema. */
export interface FlagSpec {
  flag: string;
  field: string;
  kind: FlagKind;
  description: string;
  required: boolean;
  choices?: string[];
  defaultValue?: unknown;
}

/** `timeoutMs` → `timeout-ms`, `image_input` → `image-input`. */
export function kebabCase(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

function kindOf(property: JsonSchema): Pick<FlagSpec, 'kind' | 'choices'> {
  if (Array.isArray(property.enum)) return { kind: 'enum', choices: property.enum.map(String) };
  const variants = (property.anyOf ?? property.oneOf) as JsonSchema[] | undefined;
  if (variants?.some((variant) => variant.type === 'array')) return { kind: 'list' };
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
 * The flags of an action, read off its input JSON Schema and route metadata: every input field
 * becomes `--kebab-name` unless the route names it otherwise (`timeoutMs` → `--timeout`).
 */
export function actionFlags(definition: ActionDefinition): FlagSpec[] {
  const { input } = actionJsonSchemas(definition);
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const renames = definition.route.metadata.cliFlags ?? {};
  const hidden = new Set(definition.route.metadata.cliHidden ?? []);
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
