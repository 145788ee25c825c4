import type {
  CatalogEntry,
  FieldSpec,
  MediaSlot,
  ModelScene,
  StandardMapping,
  StandardOptionName,
} from '@ads/provider';
import type { KieModelFacts } from './kie-model-facts.js';

/** Image input fields, in order of preference: the first one a model has takes the request's images. */
const imageFields: ReadonlyArray<{ name: string; endFrame?: readonly string[] }> = [
  { name: 'image_url', endFrame: ['tail_image_url', 'end_image_url', 'last_frame_url'] },
  { name: 'first_frame_url', endFrame: ['last_frame_url'] },
  { name: 'first_frame_image_url', endFrame: ['last_frame_image_url'] },
  { name: 'image_urls' },
  { name: 'input_urls' },
  { name: 'reference_image_urls' },
  { name: 'reference_image' },
  { name: 'first_frame' },
];

const videoFields: readonly string[] = [
  'video_url',
  'video_urls',
  'reference_video_urls',
  'reference_video',
  'first_clip_url',
];

/** Upstream fields each standard option may go to, in order of preference. */
const standardCandidates: Readonly<Record<StandardOptionName, readonly string[]>> = {
  duration: ['duration', 'n_frames'],
  aspect_ratio: ['aspect_ratio', 'ratio'],
  resolution: ['resolution'],
  seed: ['seed', 'seeds'],
  negative_prompt: ['negative_prompt'],
  audio: ['generate_audio', 'sound', 'audio', 'generate_audio_switch'],
};

/** Models whose names say they transform a video. */
const videoTransformPattern =
  /video-edit|videoedit|video-to-video|transformation|upscale|lip-sync|motion-control|animate/;
/** Models whose names say they need more than a prompt. */
const needsMediaPattern =
  /image-to-video|reference|r2v|transition|avatar|from-audio|omnihuman|extend|upscale|edit/;

/** How long a family's jobs usually run, in seconds. */
const typicalRunSeconds: ReadonlyArray<[RegExp, number]> = [
  [/^bytedance\/seedance-2-(mini|fast)/, 90],
  [/^bytedance\//, 120],
  [/^(hailuo|minimax)/, 240],
  [/^sora-/, 300],
  [/^(veo|kling-3|kling\/v3)/, 180],
];

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

/** Hailuo spells resolutions `768P`: accept the usual lower-case spelling and send theirs. */
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
): Partial<Record<StandardOptionName, StandardMapping>> {
  const mappings: Partial<Record<StandardOptionName, StandardMapping>> = {};
  for (const [name, candidates] of Object.entries(standardCandidates) as Array<
    [StandardOptionName, readonly string[]]
  >) {
    const target = candidates.map((candidate) => fields.get(candidate)).find((field) => field !== undefined);
    if (!target) continue;
    if (name === 'audio' && target.type !== 'boolean') continue;
    mappings[name] = name === 'resolution' ? resolutionMapping(target) : { field: target.name };
  }
  return mappings;
}

function scenesOf(
  model: string,
  image: MediaSlot | undefined,
  video: MediaSlot | undefined,
  hasPrompt: boolean,
): ModelScene[] {
  const scenes: ModelScene[] = [];
  const transformsVideo = video !== undefined && (video.required || videoTransformPattern.test(model));
  if (
    hasPrompt &&
    !image?.required &&
    !video?.required &&
    !needsMediaPattern.test(model) &&
    !transformsVideo
  ) {
    scenes.push('text-to-video');
  }
  if (image && !transformsVideo) scenes.push('image-to-video');
  if (transformsVideo) scenes.push('video-to-video');
  return scenes;
}

/** Reads one model's published schema into a catalog entry; undefined when no scene can use it. */
export function catalogEntryFromFacts(facts: KieModelFacts): CatalogEntry | undefined {
  const fields = new Map(facts.fields.map((field) => [field.name, field]));
  const imageChoice = imageFields.find((candidate) => fields.has(candidate.name));
  const image = imageChoice ? mediaSlot(fields, imageChoice.name, imageChoice.endFrame) : undefined;
  const videoName = videoFields.find((name) => fields.has(name));
  const video = videoName ? mediaSlot(fields, videoName) : undefined;
  const hasPrompt = fields.has('prompt');
  const scenes = scenesOf(facts.model, image, video, hasPrompt);
  if (scenes.length === 0) return undefined;
  return {
    provider: 'kie',
    model: facts.model,
    name: facts.name,
    scenes,
    fields: facts.fields,
    ...(hasPrompt ? { promptField: 'prompt' } : {}),
    ...(image ? { image } : {}),
    ...(video ? { video } : {}),
    standard: standardMappings(fields),
    typicalRunSeconds: typicalRunSeconds.find(([pattern]) => pattern.test(facts.model))?.[1] ?? 150,
    api: 'jobs',
    ...(facts.source === 'endpoint-schema'
      ? {
          notes: "Fields read from the createTask endpoint's alternatives; see kie's page for which combine.",
        }
      : {}),
  };
}
