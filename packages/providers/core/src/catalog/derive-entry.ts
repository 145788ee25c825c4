import type {
  CatalogEntry,
  MediaSlot,
  ModelSceneId,
  StandardMapping,
  StandardOptionName,
} from './catalog-entry.js';
import type { FieldSpec } from './field-spec.js';

/** What an upstream's published schema says about one model, before derivation rules read it. */
export interface ModelFacts {
  model: string;
  name: string;
  fields: FieldSpec[];
  notes?: string;
  /** The upstream no longer lists the model: old tasks still read, new requests are refused. */
  deprecated?: { replacement?: string };
}

/**
 * A provider's naming conventions, as data: which fields take images and videos, where each
 * standard option goes, which model names transform a video, how long jobs run.
 */
export interface DerivationRules {
  provider: string;
  api?: string;
  /** Image fields in order of preference; a single-URL field may name where a last frame goes. */
  imageFields: ReadonlyArray<{ name: string; endFrame?: readonly string[] }>;
  videoFields: readonly string[];
  standardCandidates: Readonly<Record<StandardOptionName, readonly string[]>>;
  /** Model names that say the model transforms a video. */
  videoTransformPattern: RegExp;
  /** Model names that say the model needs more than a prompt. */
  needsMediaPattern: RegExp;
  typicalRunSeconds: ReadonlyArray<readonly [RegExp, number]>;
  defaultRunSeconds: number;
}

function mediaSlot(fields: Map<string, FieldSpec>, name: string, endFrame?: readonly string[]): MediaSlot {
  const field = fields.get(name) as FieldSpec;
  const list = field.type === 'array';
  const endFrameField = list ? undefined : endFrame?.find((candidate) => fields.has(candidate));
  return {
    field: name,
    list,
    max: list ? (field.maxItems ?? 10) : 1,
    required: field.required === true,
    ...(endFrameField ? { endFrameField } : {}),
  };
}

/** Some upstreams spell resolutions `768P`: accept the usual lower-case spelling and send theirs. */
function resolutionMapping(field: FieldSpec): StandardMapping {
  const upper = (field.enum ?? []).filter(
    (value): value is string => typeof value === 'string' && /P$/.test(value),
  );
  if (upper.length === 0) return { field: field.name };
  return {
    field: field.name,
    values: Object.fromEntries(upper.map((value) => [value.toLowerCase(), value])),
  };
}

function standardMappings(
  fields: Map<string, FieldSpec>,
  candidates: DerivationRules['standardCandidates'],
): Partial<Record<StandardOptionName, StandardMapping>> {
  const mappings: Partial<Record<StandardOptionName, StandardMapping>> = {};
  for (const [name, names] of Object.entries(candidates) as Array<[StandardOptionName, readonly string[]]>) {
    const target = names.map((candidate) => fields.get(candidate)).find((field) => field !== undefined);
    if (!target || (name === 'audio' && target.type !== 'boolean')) continue;
    mappings[name] = name === 'resolution' ? resolutionMapping(target) : { field: target.name };
  }
  return mappings;
}

function scenesOf(
  model: string,
  rules: DerivationRules,
  slots: { image: MediaSlot | undefined; video: MediaSlot | undefined; hasPrompt: boolean },
): ModelSceneId[] {
  const { image, video, hasPrompt } = slots;
  const transformsVideo = video !== undefined && (video.required || rules.videoTransformPattern.test(model));
  const scenes: ModelSceneId[] = [];
  if (
    hasPrompt &&
    !image?.required &&
    !video?.required &&
    !rules.needsMediaPattern.test(model) &&
    !transformsVideo
  ) {
    scenes.push('text-to-video');
  }
  if (image && !transformsVideo) scenes.push('image-to-video');
  if (transformsVideo) scenes.push('video-to-video');
  return scenes;
}

/** Reads one model's published schema into a catalog entry; undefined when no scene can use it. */
export function deriveCatalogEntry(facts: ModelFacts, rules: DerivationRules): CatalogEntry | undefined {
  const fields = new Map(facts.fields.map((field) => [field.name, field]));
  const imageChoice = rules.imageFields.find((candidate) => fields.has(candidate.name));
  const image = imageChoice ? mediaSlot(fields, imageChoice.name, imageChoice.endFrame) : undefined;
  const videoName = rules.videoFields.find((name) => fields.has(name));
  const video = videoName ? mediaSlot(fields, videoName) : undefined;
  const hasPrompt = fields.has('prompt');
  const scenes = scenesOf(facts.model, rules, { image, video, hasPrompt });
  if (scenes.length === 0) return undefined;
  return {
    provider: rules.provider,
    model: facts.model,
    name: facts.name,
    scenes,
    fields: facts.fields,
    ...(hasPrompt ? { promptField: 'prompt' } : {}),
    ...(image ? { image } : {}),
    ...(video ? { video } : {}),
    standard: standardMappings(fields, rules.standardCandidates),
    typicalRunSeconds:
      rules.typicalRunSeconds.find(([pattern]) => pattern.test(facts.model))?.[1] ?? rules.defaultRunSeconds,
    ...(rules.api ? { api: rules.api } : {}),
    ...(facts.notes ? { notes: facts.notes } : {}),
    ...(facts.deprecated ? { deprecated: facts.deprecated } : {}),
  };
}
