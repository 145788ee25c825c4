export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/** One upstream input field, as the upstream's own schema describes it. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  enum?: ReadonlyArray<string | number | boolean>;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** Type of the items, for arrays. */
  items?: Exclude<FieldType, 'array'>;
  minItems?: number;
  maxItems?: number;
  description?: string;
}
