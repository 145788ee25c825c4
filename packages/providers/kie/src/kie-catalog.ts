import { type CatalogEntry, deriveCatalogEntry, type ModelSceneId } from '@ads/provider';
import { kieDerivationRules } from './kie-catalog-rules.js';
import { kieFamilyEntries, kieVeoUpgradeEntries } from './kie-family-models.js';
import { kieLegacyEntries } from './kie-legacy-models.js';
import type { KieModelFacts } from './kie-model-facts.js';
import { kieModelFacts } from './kie-models.generated.js';

const endpointSchemaNote =
  "Fields read from the createTask endpoint's alternatives; see kie's page for which combine.";

function catalogEntryFromFacts(facts: KieModelFacts): CatalogEntry | undefined {
  const notes = facts.source === 'endpoint-schema' ? { notes: endpointSchemaNote } : {};
  return deriveCatalogEntry({ ...facts, ...notes }, kieDerivationRules);
}

/** Every kie video model the gateway can serve, read from kie's own schemas. */
export const kieCatalog: readonly CatalogEntry[] = [
  ...kieModelFacts.flatMap((facts) => catalogEntryFromFacts(facts) ?? []),
  ...kieLegacyEntries,
  ...kieFamilyEntries,
  ...kieVeoUpgradeEntries,
];

/** kie models whose only inputs are a previous kie task (extend, upscale): no scene can use them. */
export const kieModelsWithoutScene: readonly string[] = kieModelFacts
  .filter((facts) => catalogEntryFromFacts(facts) === undefined)
  .map((facts) => facts.model);

/** The defaults of the CLI & API guide, and ours for the other scenes. */
export const kieDefaults: Readonly<Partial<Record<ModelSceneId, string>>> = {
  'text-to-video': 'bytedance/seedance-2-mini',
  'image-to-video': 'wan/2-7-image-to-video',
  'video-to-video': 'wan/2-7-videoedit',
};

export type KieModelId =
  | 'bytedance/seedance-2-mini'
  | 'wan/2-7-image-to-video'
  | 'sora-2-pro-text-to-video'
  | 'sora-2-pro-image-to-video'
  | 'veo3_fast'
  | (string & {});
