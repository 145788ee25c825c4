import { type ModelInfo, type SceneId, sceneIds, sceneTable } from '@ads/contract';
import type { CatalogEntry } from '@ads/provider';
import { LocalStorage } from '@ads/storage';
import { loadConfig } from './config.js';
import { ProviderRegistry } from './engine/provider-registry.js';
import { modelView } from './http/views/model-view.js';
import { PriceBook } from './pricing/price-book.js';
import { registerProviders } from './providers.js';

/** A registered provider as the docs list it. */
export interface ProviderReference {
  id: string;
  /** What an operator sets to enable it. */
  configureWith: string;
  models: number;
}

/** The model catalog as `GET /v1/models` shows it, for the docs: built by the same views. */
export interface CatalogReference {
  providers: ProviderReference[];
  /** Every model, with `default_for` as it is when every provider has its key. */
  models: Omit<ModelInfo, 'configured'>[];
  /** The default model per scene on a fresh install (no provider keys: the sandbox). */
  defaultsWithoutKeys: Partial<Record<SceneId, string>>;
}

function registryFor(environment: Record<string, string>): ProviderRegistry {
  return new ProviderRegistry(
    registerProviders({
      config: loadConfig(environment),
      // Nothing is written: the registry is only read for its catalog.
      storage: new LocalStorage('data/storage'),
    }),
  );
}

function defaultsOf(registry: ProviderRegistry): Partial<Record<SceneId, string>> {
  return Object.fromEntries(
    sceneIds.flatMap((scene) => {
      const id = registry.defaultModel(sceneTable[scene].servedBy.withoutImages);
      return id ? [[scene, id]] : [];
    }),
  );
}

/** The registry with every provider configured (placeholder keys; nothing is called). */
const referenceRegistry = () => registryFor({ KIE_API_KEY: 'reference', FAL_KEY: 'reference:reference' });

/** Every model of every provider: what price rules are checked against. */
export const fullCatalog = (): CatalogEntry[] => referenceRegistry().catalog.all();

export function catalogReference(): CatalogReference {
  const registry = referenceRegistry();
  const defaults = registry.defaultsByModel();
  // The docs show the default prices: those of a gateway without a price file.
  const pricing = { prices: new PriceBook(registry.catalog.all(), undefined), workspaceId: '' };
  const models = registry.catalog.all().map((entry) => {
    const { configured: _configured, ...model } = modelView(entry, registry, defaults, pricing);
    return model;
  });
  return {
    providers: registry.registrations.map(({ provider, configureWith }) => ({
      id: provider.id,
      configureWith,
      models: models.filter((model) => model.provider === provider.id).length,
    })),
    models,
    defaultsWithoutKeys: defaultsOf(registryFor({})),
  };
}
