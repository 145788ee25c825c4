import { ProviderError } from './provider-error.js';

const marker = Symbol.for('ads.provider.model-not-found-error');

/** The model is not in the catalog. */
export class ModelNotFoundError extends ProviderError {
  readonly [marker] = true;
  readonly modelId: string;

  constructor({ modelId, suggestion }: { modelId: string; suggestion?: string }) {
    super({
      code: 'model_not_found',
      message: `Unknown model "${modelId}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} List the catalog with GET /v1/models.`,
    });
    this.name = 'ModelNotFoundError';
    this.modelId = modelId;
  }

  static override isInstance(error: unknown): error is ModelNotFoundError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
