import { ProviderError } from './provider-error.js';

const marker = Symbol.for('ads.provider.model-scene-mismatch-error');

/** The model exists but does not serve the requested scene. */
export class ModelSceneMismatchError extends ProviderError {
  readonly [marker] = true;
  readonly modelId: string;
  readonly scene: string;

  constructor({ modelId, scene, served }: { modelId: string; scene: string; served: readonly string[] }) {
    super({
      code: 'model_scene_mismatch',
      message: `Model "${modelId}" does not serve scene "${scene}"; it serves ${served.map((name) => `"${name}"`).join(', ')}.`,
    });
    this.name = 'ModelSceneMismatchError';
    this.modelId = modelId;
    this.scene = scene;
  }

  static override isInstance(error: unknown): error is ModelSceneMismatchError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
