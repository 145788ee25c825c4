import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { ModelSceneMismatchError } from '../errors/model-scene-mismatch-error.js';
import { type CatalogEntry, type ModelSceneId, publicModelId } from './catalog-entry.js';

/** How far apart two ids are (edits), for "did you mean". */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export interface ModelReference {
  provider?: string | undefined;
  model: string;
}

/** The catalogs of every registered provider, with the lookups the engine needs. */
export class ModelCatalog {
  private readonly byId: Map<string, CatalogEntry>;

  constructor(entries: Iterable<CatalogEntry>) {
    this.byId = new Map([...entries].map((entry) => [publicModelId(entry), entry]));
  }

  all(): CatalogEntry[] {
    return [...this.byId.values()];
  }

  get(publicId: string): CatalogEntry | undefined {
    return this.byId.get(publicId);
  }

  /**
   * The entry a request names: `model` as the provider's own id together with `provider`, or a full
   * `provider/model` id with or without `provider`.
   */
  resolve({ provider, model }: ModelReference): CatalogEntry {
    const candidates = provider
      ? [`${provider}/${model}`, ...(model.startsWith(`${provider}/`) ? [model] : [])]
      : [model];
    for (const candidate of candidates) {
      const entry = this.byId.get(candidate);
      if (entry) return entry;
    }
    const wanted = candidates[0] ?? model;
    const closest = this.all()
      .map((entry) => publicModelId(entry))
      .map((id) => ({ id, distance: editDistance(id, wanted) }))
      .sort((left, right) => left.distance - right.distance)[0];
    const suggestion = closest && closest.distance <= Math.max(3, wanted.length / 4) ? closest.id : undefined;
    throw new ModelNotFoundError({ modelId: wanted, ...(suggestion ? { suggestion } : {}) });
  }

  /** Throws unless the entry serves the scene. */
  requireScene(entry: CatalogEntry, scene: ModelSceneId, requestedScene: string = scene): void {
    if (!entry.scenes.includes(scene)) {
      throw new ModelSceneMismatchError({
        modelId: publicModelId(entry),
        scene: requestedScene,
        served: entry.scenes,
      });
    }
  }

  forScene(scene: ModelSceneId): CatalogEntry[] {
    return this.all().filter((entry) => entry.scenes.includes(scene));
  }
}

export interface DefaultSource {
  id: string;
  configured: boolean;
  defaults: Partial<Record<ModelSceneId, string>>;
}

/**
 * The default model for a scene: the first configured provider (in the given order of preference)
 * that names a default for it.
 */
export function defaultModelFor(
  scene: ModelSceneId,
  providers: readonly DefaultSource[],
): string | undefined {
  for (const provider of providers) {
    const model = provider.configured ? provider.defaults[scene] : undefined;
    if (model) return `${provider.id}/${model}`;
  }
  return undefined;
}
