import type { FieldSpec } from './field-spec.js';

const describeChoices = (choices: ReadonlyArray<string | number | boolean>) =>
  choices.map((choice) => JSON.stringify(choice)).join(', ');

function checkItems(field: FieldSpec, value: unknown[]): string | undefined {
  if (field.minItems !== undefined && value.length < field.minItems)
    return `must have at least ${field.minItems} items`;
  if (field.maxItems !== undefined && value.length > field.maxItems)
    return `must have at most ${field.maxItems} items`;
  if (field.items === 'string' && value.some((item) => typeof item !== 'string'))
    return 'must be a list of strings';
  if (
    field.items === 'object' &&
    value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))
  ) {
    return 'must be a list of objects';
  }
  return undefined;
}

function checkNumber(field: FieldSpec, value: number): string | undefined {
  if (field.minimum !== undefined && value < field.minimum) return `must be at least ${field.minimum}`;
  if (field.maximum !== undefined && value > field.maximum) return `must be at most ${field.maximum}`;
  return undefined;
}

/** Checks one value against its upstream field spec; returns what is wrong, or undefined. */
export function checkField(field: FieldSpec, value: unknown): string | undefined {
  if (field.enum && field.enum.length > 0 && !field.enum.includes(value as string | number | boolean)) {
    return `must be one of ${describeChoices(field.enum)}`;
  }
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (field.minLength !== undefined && value.length < field.minLength)
        return `must be at least ${field.minLength} characters`;
      if (field.maxLength !== undefined && value.length > field.maxLength)
        return `must be at most ${field.maxLength} characters`;
      return undefined;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
      return checkNumber(field, value);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      return checkNumber(field, value);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'array':
      return Array.isArray(value) ? checkItems(field, value) : 'must be a list';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? undefined
        : 'must be an object';
  }
}

/**
 * Brings a value to the type its field expects where the intent is plain: `5` for a `"5"` enum,
 * `"8"` → `8` for a number, `8` → `"8s"` where the enum spells seconds that way.
 */
export function coerceToField(field: FieldSpec, value: unknown): unknown {
  if (field.type === 'string' && typeof value === 'number') {
    const text = String(value);
    if (field.enum && !field.enum.includes(text) && field.enum.includes(`${text}s`)) return `${text}s`;
    return text;
  }
  if (
    (field.type === 'integer' || field.type === 'number') &&
    typeof value === 'string' &&
    /^-?\d+(\.\d+)?$/.test(value.trim())
  ) {
    return Number(value);
  }
  return value;
}
