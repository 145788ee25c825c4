import { describe, expect, it } from 'vitest';
import { defaultModelFor, ModelCatalog, ModelNotFoundError, ModelSceneMismatchError } from '../src/index.js';
import { soraImageToVideo, wanImageToVideo } from './sample-entry.js';

const catalog = new ModelCatalog([wanImageToVideo, soraImageToVideo]);

describe('ModelCatalog', () => {
  it('resolves a model given with its provider, as a full id, or both', () => {
    expect(catalog.resolve({ provider: 'kie', model: 'wan/2-7-image-to-video' })).toBe(wanImageToVideo);
    expect(catalog.resolve({ model: 'kie/wan/2-7-image-to-video' })).toBe(wanImageToVideo);
    expect(catalog.resolve({ provider: 'kie', model: 'kie/sora-2-pro-image-to-video' })).toBe(
      soraImageToVideo,
    );
  });

  it('refuses an unknown model with a suggestion', () => {
    expect(() => catalog.resolve({ provider: 'kie', model: 'wan/2-7-image-to-vide' })).toThrowError(
      'Unknown model "kie/wan/2-7-image-to-vide"; did you mean "kie/wan/2-7-image-to-video"? List the catalog with GET /v1/models.',
    );
    expect(() => catalog.resolve({ model: 'nothing-like-it' })).toThrow(ModelNotFoundError);
  });

  it('refuses a model for a scene it does not serve, naming both', () => {
    const run = () => catalog.requireScene(wanImageToVideo, 'text-to-video');
    expect(run).toThrow(ModelSceneMismatchError);
    expect(run).toThrowError(
      'Model "kie/wan/2-7-image-to-video" does not serve scene "text-to-video"; it serves "image-to-video".',
    );
  });

  it('picks the default of the first configured provider that has one', () => {
    const providers = [
      { id: 'kie', configured: false, defaults: { 'text-to-video': 'bytedance/seedance-2-mini' } },
      {
        id: 'fal',
        configured: true,
        defaults: { 'image-to-video': 'fal-ai/kling-video/v2.1/master/image-to-video' },
      },
      { id: 'sandbox', configured: true, defaults: { 'text-to-video': 'sandbox-video' } },
    ];
    expect(defaultModelFor('text-to-video', providers)).toBe('sandbox/sandbox-video');
    expect(defaultModelFor('image-to-video', providers)).toBe(
      'fal/fal-ai/kling-video/v2.1/master/image-to-video',
    );
    expect(defaultModelFor('video-to-video', providers)).toBeUndefined();
  });
});
