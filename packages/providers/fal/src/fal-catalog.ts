import { type CatalogEntry, deriveCatalogEntry, type ModelSceneId } from '@ads/provider';
import { falDerivationRules } from './fal-catalog-rules.js';
import { falModelFacts } from './fal-models.generated.js';

/** fal's video endpoints the gateway can serve, read from fal's published input types. */
export const falCatalog: readonly CatalogEntry[] = falModelFacts.flatMap(
  (facts) => deriveCatalogEntry(facts, falDerivationRules) ?? [],
);

/** Endpoints whose input is not a URL a scene can give (Sora remix takes a previous Sora video id). */
export const falModelsWithoutScene: readonly string[] = falModelFacts
  .filter((facts) => deriveCatalogEntry(facts, falDerivationRules) === undefined)
  .map((facts) => facts.model);

export const falDefaults: Readonly<Partial<Record<ModelSceneId, string>>> = {
  'text-to-video': 'fal-ai/kling-video/v2.1/master/text-to-video',
  'image-to-video': 'fal-ai/kling-video/v2.1/pro/image-to-video',
  'video-to-video': 'fal-ai/kling-video/o1/video-to-video/edit',
};

export type FalModelId =
  | 'fal-ai/kling-video/v2.1/master/text-to-video'
  | 'fal-ai/kling-video/o1/video-to-video/edit'
  | 'fal-ai/veo3.1'
  | 'bytedance/seedance-2.0/text-to-video'
  | (string & {});
