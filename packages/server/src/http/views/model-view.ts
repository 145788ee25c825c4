import { type ModelInfo, type SceneId, sceneIds, sceneTable } from '@ads/contract';
import { type CatalogEntry, optionsJsonSchema, publicModelId } from '@ads/provider';
import type { ProviderRegistry } from '../../engine/provider-registry.js';
import type { PriceBook } from '../../pricing/price-book.js';

/** The scenes a model serves, ad-video included when it serves the scene ad-video routes onto. */
export function servedScenes(entry: CatalogEntry): SceneId[] {
  return sceneIds.filter((scene) => {
    const { withImages, withoutImages } = sceneTable[scene].servedBy;
    return entry.scenes.includes(withImages) || entry.scenes.includes(withoutImages);
  });
}

/** `defaultsByModel` is the registry's, computed once per listing; prices are the workspace's. */
export function modelView(
  entry: CatalogEntry,
  registry: ProviderRegistry,
  defaultsByModel: ReadonlyMap<string, readonly string[]>,
  pricing: { prices: PriceBook; workspaceId: string },
): ModelInfo {
  const id = publicModelId(entry);
  const defaults = defaultsByModel.get(id) ?? [];
  const scenes = servedScenes(entry);
  return {
    id,
    object: 'model',
    provider: entry.provider,
    model: entry.model,
    name: entry.name,
    scenes,
    default_for: sceneIds.filter(
      (scene) => scenes.includes(scene) && defaults.includes(sceneTable[scene].servedBy.withoutImages),
    ),
    // A request with the model's own defaults: what `credits` promised before price rules existed.
    credits: Object.fromEntries(
      scenes.map((scene) => [scene, pricing.prices.price(entry, scene, {}, pricing.workspaceId).credits]),
    ),
    pricing: pricing.prices.describe(entry, scenes, pricing.workspaceId),
    options: optionsJsonSchema(entry) as Record<string, unknown>,
    typical_run_seconds: entry.typicalRunSeconds,
    configured: registry.find(entry.provider)?.isConfigured() ?? false,
    deprecated: entry.deprecated !== undefined,
    replacement: entry.deprecated?.replacement
      ? publicModelId({ provider: entry.provider, model: entry.deprecated.replacement })
      : null,
  };
}
