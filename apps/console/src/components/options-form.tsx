import { Checkbox, NativeSelect, NumberInput, SimpleGrid, Text, TextInput } from '@mantine/core';

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  title?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
}

export type OptionValues = Record<string, unknown>;

const typeOf = (schema: PropertySchema) =>
  (Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type) ?? 'string';

const labelOf = (name: string, schema: PropertySchema) =>
  schema.title ?? name.replaceAll('_', ' ').replace(/^./, (first) => first.toUpperCase());

/**
 * A form for the model's own options, built from its JSON Schema (GET /v1/models): a choice for an
 * enum, a checkbox for a boolean, a number field for numbers, text otherwise. A field left as is
 * sends nothing, so the model's default applies.
 */
export function OptionsForm({
  schema,
  values,
  onChange,
}: {
  schema: Record<string, unknown>;
  values: OptionValues;
  onChange: (values: OptionValues) => void;
}) {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, PropertySchema>);
  if (properties.length === 0) return <Text size="sm">This model takes no options.</Text>;
  const set = (name: string, value: unknown) => {
    const next = { ...values };
    if (value === undefined || value === '') delete next[name];
    else next[name] = value;
    onChange(next);
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {properties.map(([name, property]) => {
        const label = labelOf(name, property);
        const description = property.description;
        const hint =
          property.default === undefined ? 'Model default' : `Default (${String(property.default)})`;
        if (property.enum) {
          return (
            <NativeSelect
              key={name}
              label={label}
              description={description}
              value={values[name] === undefined ? '' : String(values[name])}
              onChange={(event) => {
                const picked = property.enum?.find((choice) => String(choice) === event.currentTarget.value);
                set(name, picked);
              }}
              data={[{ value: '', label: hint }, ...property.enum.map((choice) => String(choice))]}
            />
          );
        }
        const type = typeOf(property);
        if (type === 'array') {
          return (
            <TextInput
              key={name}
              label={label}
              description={
                description
                  ? `${description} Several: separate with commas.`
                  : 'Several: separate with commas.'
              }
              placeholder={hint}
              value={((values[name] as string[] | undefined) ?? []).join(', ')}
              onChange={(event) => {
                const items = event.currentTarget.value.split(',').map((item) => item.trim());
                set(name, items.some(Boolean) ? items : undefined);
              }}
            />
          );
        }
        if (type === 'boolean') {
          return (
            <Checkbox
              key={name}
              mt="lg"
              label={label}
              description={description}
              checked={values[name] === undefined ? property.default === true : values[name] === true}
              onChange={(event) => set(name, event.currentTarget.checked)}
            />
          );
        }
        if (type === 'integer' || type === 'number') {
          return (
            <NumberInput
              key={name}
              label={label}
              description={description}
              placeholder={hint}
              min={property.minimum}
              max={property.maximum}
              allowDecimal={type === 'number'}
              value={(values[name] as number | undefined) ?? ''}
              onChange={(value) => set(name, typeof value === 'number' ? value : undefined)}
            />
          );
        }
        return (
          <TextInput
            key={name}
            label={label}
            description={description}
            placeholder={hint}
            value={(values[name] as string | undefined) ?? ''}
            onChange={(event) => set(name, event.currentTarget.value)}
          />
        );
      })}
    </SimpleGrid>
  );
}
