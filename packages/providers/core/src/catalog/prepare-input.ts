import { InvalidOptionsError, maxReportedIssues, type OptionIssue } from '../errors/invalid-options-error.js';
import {
  type CatalogEntry,
  type MediaSlot,
  mediaFieldNames,
  publicModelId,
  type StandardOptionName,
  standardOptionNames,
} from './catalog-entry.js';
import { checkField, coerceToField } from './check-field.js';
import type { FieldSpec } from './field-spec.js';

/** A generation request in gateway terms, before it is mapped onto a model's fields. */
export interface GenerationInput {
  prompt?: string | undefined;
  imageUrls: readonly string[];
  videoUrls: readonly string[];
  options: Readonly<Record<string, unknown>>;
}

/** How the caller's API surface names the inputs, so that an error names the field the caller sent. */
export interface CallerFieldNames {
  prompt: string;
  imageInput: string;
  videoInput: string;
  options: string;
}

export const defaultCallerFieldNames: CallerFieldNames = {
  prompt: 'prompt',
  imageInput: 'imageInput',
  videoInput: 'videoInput',
  options: 'options',
};

const isStandard = (key: string): key is StandardOptionName =>
  (standardOptionNames as readonly string[]).includes(key);

class InputBuilder {
  readonly input: Record<string, unknown> = {};
  readonly issues: OptionIssue[] = [];
  /** Which client path set each upstream field, for error messages. */
  readonly pathOfField = new Map<string, string>();
  readonly fields: Map<string, FieldSpec>;
  readonly mediaFields: string[];
  readonly id: string;

  constructor(
    readonly entry: CatalogEntry,
    readonly fieldNames: CallerFieldNames,
  ) {
    this.fields = new Map(entry.fields.map((field) => [field.name, field]));
    this.mediaFields = mediaFieldNames(entry);
    this.id = publicModelId(entry);
  }

  set(field: string, value: unknown, path: string) {
    if (this.pathOfField.has(field) && this.pathOfField.get(field) !== path) {
      this.issue(
        path,
        `sets the same upstream field "${field}" as ${this.pathOfField.get(field)}; give only one`,
      );
      return;
    }
    const spec = this.fields.get(field);
    this.input[field] = spec ? coerceToField(spec, value) : value;
    this.pathOfField.set(field, path);
  }

  issue(path: string, message: string) {
    this.issues.push({ path, message });
  }

  media(urls: readonly string[], slot: MediaSlot | undefined, path: string, noun: string) {
    if (urls.length === 0) {
      if (slot?.required)
        this.issue(path, `${this.id} requires ${slot.max === 1 ? 'one' : 'at least one'} ${noun} URL`);
      return;
    }
    if (!slot) return this.issue(path, `${this.id} takes no ${noun} input`);
    const most = slot.list ? slot.max : slot.endFrameField ? 2 : 1;
    if (urls.length > most)
      return this.issue(
        path,
        `${this.id} takes at most ${most} ${noun} URL${most === 1 ? '' : 's'}, got ${urls.length}`,
      );
    if (slot.list) return this.set(slot.field, [...urls], path);
    this.set(slot.field, urls[0], path);
    if (slot.endFrameField && urls[1] !== undefined) this.set(slot.endFrameField, urls[1], path);
  }

  standardOption(name: StandardOptionName, value: unknown) {
    const path = `${this.fieldNames.options}.${name}`;
    const mapping = this.entry.standard[name];
    if (!mapping) return this.issue(path, `is not supported by ${this.id}`);
    if (!mapping.values) return this.set(mapping.field, value, path);
    const translated = mapping.values[String(value)];
    if (translated === undefined) {
      return this.issue(
        path,
        `must be one of ${Object.keys(mapping.values)
          .map((key) => JSON.stringify(key))
          .join(', ')}`,
      );
    }
    this.set(mapping.field, translated, path);
  }

  modelOption(name: string, value: unknown) {
    const path = `${this.fieldNames.options}.${name}`;
    if (name === this.entry.promptField)
      return this.issue(path, `give the prompt as ${this.fieldNames.prompt}`);
    if (this.mediaFields.includes(name)) {
      const where =
        this.entry.image && name !== this.entry.video?.field
          ? this.fieldNames.imageInput
          : this.fieldNames.videoInput;
      return this.issue(path, `give these URLs as ${where}`);
    }
    if (!this.fields.has(name)) {
      const accepted = [
        ...standardOptionNames.filter((key) => this.entry.standard[key]),
        ...this.extraFieldNames(),
      ];
      return this.issue(
        path,
        `is not an option of ${this.id}; it accepts ${accepted.join(', ') || 'no options'}`,
      );
    }
    this.set(name, value, path);
  }

  /** Fields a client may set directly through options: not the prompt, not media, not a standard option's target. */
  extraFieldNames(): string[] {
    const taken = new Set<string>([
      ...(this.entry.promptField ? [this.entry.promptField] : []),
      ...this.mediaFields,
      ...Object.values(this.entry.standard).map((mapping) => mapping.field),
    ]);
    return this.entry.fields.map((field) => field.name).filter((name) => !taken.has(name));
  }

  /** The client path of a field that was never set: its standard option name, or its own name. */
  pathForMissing(field: FieldSpec): string {
    if (field.name === this.entry.promptField) return this.fieldNames.prompt;
    if (field.name === this.entry.image?.field) return this.fieldNames.imageInput;
    if (field.name === this.entry.video?.field) return this.fieldNames.videoInput;
    const standard = standardOptionNames.find((name) => this.entry.standard[name]?.field === field.name);
    return `${this.fieldNames.options}.${standard ?? field.name}`;
  }

  completeAndCheck() {
    for (const field of this.entry.fields) {
      if (this.input[field.name] !== undefined || !field.required) continue;
      if (this.mediaFields.includes(field.name)) continue; // reported by media()
      // Upstreams do not always apply their documented defaults, so the gateway sends them.
      if (field.default !== undefined) {
        this.input[field.name] = field.default;
        continue;
      }
      const choices = field.enum?.length
        ? ` (one of ${field.enum.map((choice) => JSON.stringify(choice)).join(', ')})`
        : '';
      this.issue(this.pathForMissing(field), `is required by ${this.id}${choices}`);
    }
    for (const [name, value] of Object.entries(this.input)) {
      const field = this.fields.get(name);
      const problem = field ? checkField(field, value) : undefined;
      if (problem) this.issue(this.pathOfField.get(name) ?? this.pathForMissing(field as FieldSpec), problem);
    }
  }
}

/**
 * Maps a generation request onto the model's upstream input fields and checks every value
 * against the model's own schema. Throws InvalidOptionsError naming each problem; the upstream
 * is never called with input its schema refuses.
 */
export function prepareInput(
  entry: CatalogEntry,
  request: GenerationInput,
  fieldNames: CallerFieldNames = defaultCallerFieldNames,
): Record<string, unknown> {
  const builder = new InputBuilder(entry, fieldNames);
  if (request.prompt !== undefined) {
    if (entry.promptField) builder.set(entry.promptField, request.prompt, fieldNames.prompt);
    else builder.issue(fieldNames.prompt, `${builder.id} takes no prompt`);
  }
  builder.media(request.imageUrls, entry.image, fieldNames.imageInput, 'image');
  builder.media(request.videoUrls, entry.video, fieldNames.videoInput, 'video');
  const options = Object.entries(request.options);
  let unchecked = 0;
  for (const [index, [name, value]] of options.entries()) {
    // Past the issues one answer names, the rest is not checked: a rejected request costs little.
    if (builder.issues.length >= maxReportedIssues) {
      unchecked = options.length - index;
      break;
    }
    if (value === undefined) continue;
    if (isStandard(name)) builder.standardOption(name, value);
    else builder.modelOption(name, value);
  }
  if (unchecked === 0) builder.completeAndCheck();
  if (builder.issues.length > 0)
    throw new InvalidOptionsError({ modelId: builder.id, issues: builder.issues, unchecked });
  return builder.input;
}
