import { describe, expect, it } from 'vitest';
import { catalogReference } from './catalog-reference.js';

describe('catalogReference', () => {
  const reference = catalogReference();

  it('lists every registered provider and all their models', () => {
    expect(reference.providers.map((provider) => provider.id)).toEqual(['kie', 'fal', 'sandbox']);
    for (const provider of reference.providers) expect(provider.models).toBeGreaterThan(0);
    expect(reference.models.length).toBe(reference.providers.reduce((sum, p) => sum + p.models, 0));
    expect(new Set(reference.models.map((model) => model.id)).size).toBe(reference.models.length);
  });

  it('shows the seed’s defaults with keys, and the sandbox on a fresh install', () => {
    const defaultFor = (id: string) => reference.models.find((model) => model.id === id)?.default_for;
    expect(defaultFor('kie/bytedance/seedance-2-mini')).toContain('text-to-video');
    expect(defaultFor('kie/wan/2-7-image-to-video')).toContain('image-to-video');
    expect(Object.values(reference.defaultsWithoutKeys)).toEqual(
      Object.values(reference.defaultsWithoutKeys).map(() => 'sandbox/sandbox-video'),
    );
    expect(Object.keys(reference.defaultsWithoutKeys)).toEqual([
      'text-to-video',
      'image-to-video',
      'video-to-video',
      'ad-video',
    ]);
  });
});
