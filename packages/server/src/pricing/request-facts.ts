import type { CatalogEntry, FieldSpec, StandardOptionName } from '@ads/provider';

/** What a price depends on, read off a model's upstream input as the create built it. */
export interface RequestFacts {
  /** The seconds asked for; undefined when the request leaves the length to the model (auto, or none). */
  seconds: number | undefined;
  /** The output resolution in gateway terms (`1080p`), when the request or the model's default sets one. */
  resolution: string | undefined;
  audio: boolean;
  videoInput: boolean;
}

const fieldOf = (entry: CatalogEntry, name: string): FieldSpec | undefined =>
  entry.fields.find((field) => field.name === name);

/**
 * A standard option's value in gateway terms: the input's value (or the upstream field's default),
 * translated back through the entry's mapping (`portrait` → `9:16`).
 */
export function standardValue(
  entry: CatalogEntry,
  name: StandardOptionName,
  input: Record<string, unknown>,
): unknown {
  const mapping = entry.standard[name];
  if (!mapping) return undefined;
  const raw = input[mapping.field] ?? fieldOf(entry, mapping.field)?.default;
  if (raw === undefined || !mapping.values) return raw;
  return Object.entries(mapping.values).find(([, value]) => String(value) === String(raw))?.[0] ?? raw;
}

/** `8`, `"8"` and `"8s"` are 8 seconds; `auto`, `-1` and anything else leave the length open. */
function secondsOf(value: unknown): number | undefined {
  const seconds = typeof value === 'number' ? value : Number.parseFloat(String(value));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

export function requestFacts(entry: CatalogEntry, input: Record<string, unknown>): RequestFacts {
  const resolution = standardValue(entry, 'resolution', input);
  const audio = standardValue(entry, 'audio', input);
  const video = entry.video ? input[entry.video.field] : undefined;
  return {
    seconds: entry.standard.duration ? secondsOf(standardValue(entry, 'duration', input)) : undefined,
    resolution: typeof resolution === 'string' ? resolution.toLowerCase() : undefined,
    audio: audio === true || audio === 'true',
    videoInput: Array.isArray(video) ? video.length > 0 : typeof video === 'string' && video.length > 0,
  };
}

/** The model's duration field and every choice it lists (its enum and the mapping's values). */
function durationField(entry: CatalogEntry) {
  const mapping = entry.standard.duration;
  const field = mapping && fieldOf(entry, mapping.field);
  return field
    ? { field, choices: [...(field.enum ?? []), ...Object.keys(mapping.values ?? {})] }
    : undefined;
}

/** The longest video the model makes, when its duration field says (its maximum, or its largest choice). */
export function longestSeconds(entry: CatalogEntry): number | undefined {
  const duration = durationField(entry);
  if (!duration) return undefined;
  if (duration.field.maximum !== undefined) return duration.field.maximum;
  const seconds = duration.choices.map(secondsOf).filter((value): value is number => value !== undefined);
  return seconds.length > 0 ? Math.max(...seconds) : undefined;
}

/**
 * Whether a request can leave the model's length open: the model takes no duration, its duration
 * has no default, or it takes `auto`.
 */
export function lengthCanBeOpen(entry: CatalogEntry): boolean {
  const duration = durationField(entry);
  if (!duration) return true;
  return (
    secondsOf(duration.field.default) === undefined ||
    duration.choices.some((choice) => secondsOf(choice) === undefined)
  );
}

/** The values a model accepts for a standard option, in gateway terms (empty when it lists none). */
export function standardChoices(entry: CatalogEntry, name: StandardOptionName): string[] {
  const mapping = entry.standard[name];
  if (!mapping) return [];
  const choices = mapping.values ? Object.keys(mapping.values) : (fieldOf(entry, mapping.field)?.enum ?? []);
  return choices.map(String);
}

/** The resolution values a model accepts, in gateway terms. */
export function resolutionChoices(entry: CatalogEntry): string[] {
  return standardChoices(entry, 'resolution').map((choice) => choice.toLowerCase());
}

/**
 * The lengths a model takes, in seconds: its listed choices, or its range. Undefined when it takes
 * no duration at all.
 */
export function secondsAllowed(
  entry: CatalogEntry,
): { choices: number[] } | { minimum: number; maximum: number } | undefined {
  const duration = durationField(entry);
  if (!duration) return undefined;
  const choices = duration.choices.map(secondsOf).filter((value): value is number => value !== undefined);
  if (choices.length > 0) return { choices: [...new Set(choices)].sort((a, b) => a - b) };
  return { minimum: duration.field.minimum ?? 1, maximum: duration.field.maximum ?? 600 };
}
