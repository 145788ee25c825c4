import {
  type CatalogEntry,
  type DefaultSource,
  defaultModelFor,
  ModelCatalog,
  type ModelSceneId,
  modelSceneIds,
  ProviderNotConfiguredError,
  type VideoProvider,
} from '@ads/provider';

/** A provider as the gateway registers it: the adapter and the variable that configures it. */
export interface RegisteredProvider {
  provider: VideoProvider;
  /** The environment variable an operator sets to enable it, for error messages. */
  configureWith: string;
}

/** Every registered provider, their joint catalog and the default model per scene. */
export class ProviderRegistry {
  readonly catalog: ModelCatalog;
  private readonly byId: Map<string, RegisteredProvider>;

  /** `registrations` in order of preference for defaults: the first configured one wins. */
  constructor(readonly registrations: readonly RegisteredProvider[]) {
    this.byId = new Map(registrations.map((registration) => [registration.provider.id, registration]));
    this.catalog = new ModelCatalog(registrations.flatMap((registration) => registration.provider.catalog));
  }

  /** Closes every adapter that holds threads or connections. */
  async close(): Promise<void> {
    await Promise.allSettled(this.registrations.map(({ provider }) => provider.close?.()));
  }

  find(id: string): VideoProvider | undefined {
    return this.byId.get(id)?.provider;
  }

  /** The adapter for a provider the catalog names; throws when it is not configured. */
  requireConfigured(id: string): VideoProvider {
    const registration = this.byId.get(id);
    if (!registration) throw new Error(`No provider "${id}" is registered`);
    if (!registration.provider.isConfigured()) {
      throw new ProviderNotConfiguredError({ provider: id, variable: registration.configureWith });
    }
    return registration.provider;
  }

  entry(provider: string, model: string): CatalogEntry | undefined {
    return this.catalog.get(`${provider}/${model}`);
  }

  /** The catalog entry of a stored task's model; throws when this version no longer has it. */
  requireEntry(provider: string, model: string): CatalogEntry {
    const entry = this.entry(provider, model);
    if (!entry) throw new Error(`Model ${provider}/${model} left the catalog`);
    return entry;
  }

  private defaultSources(): DefaultSource[] {
    return this.registrations.map(({ provider }) => ({
      id: provider.id,
      configured: provider.isConfigured(),
      defaults: provider.defaults,
    }));
  }

  /** The public id of the default model for a scene, among configured providers. */
  defaultModel(scene: ModelSceneId): string | undefined {
    return defaultModelFor(scene, this.defaultSources());
  }

  /** Scenes for which each public model id is the default. */
  defaultsByModel(): Map<string, ModelSceneId[]> {
    const result = new Map<string, ModelSceneId[]>();
    for (const scene of modelSceneIds) {
      const id = this.defaultModel(scene);
      if (id) result.set(id, [...(result.get(id) ?? []), scene]);
    }
    return result;
  }
}
