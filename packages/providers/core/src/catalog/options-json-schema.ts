import { type CatalogEntry, mediaFieldNames, standardOptionNames } from './catalog-entry.js';
import type { FieldSpec } from './field-spec.js';

type JsonSchema = Record<string, unknown>;

function fieldSchema(field: FieldSpec): JsonSchema {
  const schema: JsonSchema = { type: field.type };
  if (field.enum?.length) schema.enum = [...field.enum];
  if (field.default !== undefined) schema.default = field.default;
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (field[key] !== undefined) schema[key] = field[key];
  }
  if (field.items) schema.items = { type: field.items };
  if (field.description) schema.description = field.description;
  return schema;
}

/**
 * The JSON Schema of the `options` a model accepts: the standard names it supports (with the
 * values the client may send), then its own extra fields.
 */
export function optionsJsonSchema(entry: CatalogEntry): JsonSchema {
  const fields = new Map(entry.fields.map((field) => [field.name, field]));
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const mapped = new Set<string>();
  for (const name of standardOptionNames) {
    const mapping = entry.standard[name];
    if (!mapping) continue;
    mapped.add(mapping.field);
    const target = fields.get(mapping.field);
    const schema = target ? fieldSchema(target) : {};
    if (mapping.values) {
      schema.enum = Object.keys(mapping.values);
      schema.type = 'string';
      delete schema.default;
    }
    properties[name] = { ...schema, description: `Standard option, sent as "${mapping.field}".` };
    if (target?.required && target.default === undefined) required.push(name);
  }
  const media = mediaFieldNames(entry);
  for (const field of entry.fields) {
    if (mapped.has(field.name) || field.name === entry.promptField || media.includes(field.name)) continue;
    properties[field.name] = fieldSchema(field);
    if (field.required && field.default === undefined) required.push(field.name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}
