import {
  applyPromptTemplate,
  type GenerationRequest,
  type ModelSceneId,
  modelSceneFor,
  sceneTable,
} from '@ads/contract';
import {
  type CallerFieldNames,
  type CatalogEntry,
  InvalidOptionsError,
  prepareInput,
  publicModelId,
} from '@ads/provider';
import { GatewayError } from './gateway-error.js';
import type { ProviderRegistry } from './provider-registry.js';

/** A request checked against the catalog: the model and the upstream input. Nothing sent yet. */
export interface GenerationPlan {
  request: GenerationRequest;
  entry: CatalogEntry;
  modelScene: ModelSceneId;
  input: Record<string, unknown>;
}

/** The model a request gets: the one it names, its provider's default, or the scene's default. */
export function chooseModel(
  registry: ProviderRegistry,
  request: Pick<GenerationRequest, 'model' | 'provider'>,
  modelScene: ModelSceneId,
) {
  if (request.model) return registry.catalog.resolve({ provider: request.provider, model: request.model });
  if (request.provider) {
    const provider = registry.find(request.provider);
    if (!provider) {
      throw new GatewayError({
        code: 'invalid_request',
        message: `Unknown provider "${request.provider}"; GET /v1/models lists the providers and their models.`,
        issues: [{ path: 'provider', message: 'unknown provider' }],
      });
    }
    const model = provider.defaults[modelScene];
    if (!model) {
      throw new GatewayError({
        code: 'invalid_request',
        message: `Provider "${request.provider}" has no default model for ${modelScene}; name one with "model".`,
        issues: [{ path: 'model', message: 'required with this provider for this scene' }],
      });
    }
    return registry.catalog.resolve({ provider: request.provider, model });
  }
  const id = registry.defaultModel(modelScene);
  if (!id) {
    throw new GatewayError({
      code: 'provider_not_configured',
      message: `No configured provider serves ${modelScene}; configure one or name a model.`,
    });
  }
  return registry.catalog.resolve({ model: id });
}

/**
 * Maps the request onto the model's input with the scene's default options (ad-video: 9:16, 5 s)
 * under the caller's own. A default the model does not accept is left out rather than refused:
 * the caller never asked for it. A model that requires a prompt gets the scene's default prompt
 * when the request has none.
 */
function prepareWithSceneDefaults(
  entry: CatalogEntry,
  request: GenerationRequest,
  fieldNames: CallerFieldNames,
) {
  const defaults = Object.fromEntries(
    Object.entries(sceneTable[request.scene].defaultOptions).filter(([name]) => !(name in request.options)),
  );
  const promptRequired = entry.fields.some((field) => field.name === entry.promptField && field.required);
  const prompt = request.prompt ?? (promptRequired ? sceneTable[request.scene].defaultPrompt : undefined);
  const prepare = (extra: Record<string, unknown>) =>
    prepareInput(
      entry,
      {
        prompt: applyPromptTemplate(request.scene, prompt),
        imageUrls: request.imageInput,
        videoUrls: request.videoInput,
        options: { ...extra, ...request.options },
      },
      fieldNames,
    );
  try {
    return prepare(defaults);
  } catch (error) {
    if (!InvalidOptionsError.isInstance(error)) throw error;
    const refused = new Set(error.issues.map((issue) => issue.path.replace(`${fieldNames.options}.`, '')));
    const accepted = Object.fromEntries(Object.entries(defaults).filter(([name]) => !refused.has(name)));
    return prepare(accepted);
  }
}

/** A model its provider withdrew takes no new task (old ones still read); the 400 names what replaces it. */
function refuseDeprecated(entry: CatalogEntry): void {
  if (!entry.deprecated) return;
  const replacement = entry.deprecated.replacement
    ? publicModelId({ provider: entry.provider, model: entry.deprecated.replacement })
    : undefined;
  throw new GatewayError({
    code: 'model_deprecated',
    message: `${publicModelId(entry)} was withdrawn by ${entry.provider}; ${
      replacement
        ? `use ${replacement} instead.`
        : `GET /v1/models?provider=${entry.provider} lists what it serves now.`
    }`,
    issues: [{ path: 'model', message: 'withdrawn by the provider' }],
    ...(replacement ? { details: { replacement } } : {}),
  });
}

/**
 * Checks a request against the scene table and the catalog: model, provider credentials, scene,
 * options. Throws a 400-class error naming the problem; never calls an upstream.
 */
export function planGeneration(
  registry: ProviderRegistry,
  request: GenerationRequest,
  fieldNames: CallerFieldNames,
): GenerationPlan {
  const modelScene = modelSceneFor(request.scene, request.imageInput.length > 0);
  const entry = chooseModel(registry, request, modelScene);
  refuseDeprecated(entry);
  registry.catalog.requireScene(entry, modelScene, request.scene);
  registry.requireConfigured(entry.provider);
  const input = prepareWithSceneDefaults(entry, request, fieldNames);
  const issues = registry.find(entry.provider)?.inputIssues?.(entry, input) ?? [];
  if (issues.length > 0) {
    throw new InvalidOptionsError({
      modelId: publicModelId(entry),
      issues: issues.map((issue) => ({ ...issue, path: `${fieldNames.options}.${issue.path}` })),
    });
  }
  return { request, entry, modelScene, input };
}

export const planModelId = (plan: GenerationPlan) => publicModelId(plan.entry);
