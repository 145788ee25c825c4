import { cell, code } from './markdown.mjs';

/** `string`, `"a" | "b"`, `number or string`, `array of string`, `null` as one readable type. */
export function typeOf(schema) {
  if (!schema || typeof schema !== 'object') return 'any';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeOf).join(' or ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items)}`;
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  if (schema.type === 'object' && !schema.properties) return 'object';
  return schema.type ?? 'any';
}

const safeIntegerBound = 9007199254740991;

/** Limits worth telling a caller: lengths, ranges, patterns, formats, the default. */
export function constraintsOf(schema) {
  const parts = [];
  if (schema.format) parts.push(`format ${schema.format}`);
  if (schema.minLength !== undefined) parts.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) parts.push(`max length ${schema.maxLength}`);
  if (schema.minimum !== undefined && Math.abs(schema.minimum) !== safeIntegerBound)
    parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && Math.abs(schema.maximum) !== safeIntegerBound)
    parts.push(`≤ ${schema.maximum}`);
  if (schema.minItems !== undefined) parts.push(`min items ${schema.minItems}`);
  if (schema.maxItems !== undefined) parts.push(`max items ${schema.maxItems}`);
  if (schema.pattern && !schema.format) parts.push(`pattern ${code(schema.pattern)}`);
  if (schema.default !== undefined) parts.push(`default ${code(JSON.stringify(schema.default))}`);
  return parts;
}

/** The object schema among `anyOf` variants (an object-or-null field), if there is one. */
function objectVariant(schema) {
  if (schema.type === 'object' && schema.properties) return schema;
  return (schema.anyOf ?? schema.oneOf ?? []).find(
    (variant) => variant.type === 'object' && variant.properties,
  );
}

/**
 * Every field of an object schema, nested ones as dotted paths (`data.videoUrls`, `error.code`),
 * with type, required-ness, limits and description: the rows of a fields table.
 */
export function fieldRows(schema, prefix = '') {
  const object = objectVariant(schema ?? {});
  if (!object) return [];
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const description = property.description ?? objectVariant(property)?.description ?? '';
    const row = {
      path,
      type: typeOf(property),
      required: required.has(name),
      constraints: constraintsOf(property),
      description,
    };
    const items = property.type === 'array' ? property.items : undefined;
    const nested = items ? fieldRows(items, `${path}[].`) : fieldRows(property, `${path}.`);
    return [row, ...nested];
  });
}

/** The fields table of a schema, or a line saying what it is when it has no fields. */
export function fieldsTable(schema) {
  const rows = fieldRows(schema);
  if (rows.length === 0)
    return `A ${code(typeOf(schema))}.${schema?.description ? ` ${cell(schema.description)}` : ''}`;
  const header = '| Field | Type | Required | Description |\n| --- | --- | --- | --- |';
  const lines = rows.map(
    (row) =>
      `| ${code(row.path)} | ${code(row.type)} | ${row.required ? 'yes' : 'no'} | ${[
        cell(row.description),
        ...row.constraints,
      ]
        .filter(Boolean)
        .join('. ')} |`,
  );
  return [header, ...lines].join('\n');
}
