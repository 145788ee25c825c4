import { readFileSync } from 'node:fs';
import { checkField, ModelCatalog } from '@ads/provider';
import { describe, expect, it } from 'vitest';
import { falCatalog, falDefaults, falModelsWithoutScene } from '../src/index.js';

/** Example inputs as fal's docs print them (see the fal reference, sections 4.2 to 4.11). */
const examples: Record<string, Record<string, unknown>> = JSON.parse(
  readFileSync(new URL('../src/__fixtures__/fal-doc-examples.json', import.meta.url), 'utf8'),
);
const catalog = new ModelCatalog(falCatalog);

describe('the fal catalog', () => {
  it('holds every video endpoint of @fal-ai/client 1.10.1 that a scene can run, by family', () => {
    // 449 endpoints of the pinned client answer with a video, 4 more come from newer fal-js; 20 take
    // no media a scene gives (a previous video object, a Sora video id, text-only avatars).
    expect(falCatalog.length).toBe(429);
    expect(falModelsWithoutScene).toHaveLength(20);
    expect(falModelsWithoutScene).toContain('fal-ai/sora-2/video-to-video/remix');
    for (const family of [
      'kling-video/o1/video-to-video/edit',
      'kling-video/v3/pro/text-to-video',
      'veo3.1/reference-to-video',
      'veo3.1/extend-video',
      'bytedance/seedance-2.0/reference-to-video',
      'wan/v2.7',
      'sora-2',
      'hailuo',
      'luma',
      'pika',
      'grok-imagine-video/extend-video',
    ]) {
      expect(
        falCatalog.some((entry) => entry.model.includes(family)),
        family,
      ).toBe(true);
    }
  });

  it('keeps multi-line fields whole and each default on its own field (Kling v3 Pro, Seedance 2.0)', () => {
    const field = (model: string, name: string) =>
      catalog.resolve({ provider: 'fal', model }).fields.find((candidate) => candidate.name === name);
    expect(field('fal-ai/kling-video/v3/pro/text-to-video', 'duration')).toMatchObject({
      enum: ['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15'],
      default: '5',
    });
    expect(field('fal-ai/kling-video/v3/pro/text-to-video', 'generate_audio')).toMatchObject({
      type: 'boolean',
      default: true,
    });
    expect(field('bytedance/seedance-2.0/text-to-video', 'duration')).toMatchObject({ default: 'auto' });
  });

  it('marks what newer fal-js no longer lists as deprecated, with the replacement where fal has one', () => {
    expect(catalog.resolve({ provider: 'fal', model: 'fal-ai/veo3' }).deprecated).toEqual({
      replacement: 'fal-ai/veo3.1',
    });
    expect(catalog.resolve({ provider: 'fal', model: 'fal-ai/sora-2/text-to-video' }).deprecated).toEqual({});
    expect(catalog.resolve({ provider: 'fal', model: 'fal-ai/veo3.1' }).deprecated).toBeUndefined();
    for (const [scene, model] of Object.entries(falDefaults)) {
      expect(catalog.resolve({ provider: 'fal', model }).deprecated, `${scene} default`).toBeUndefined();
    }
  });

  it.each(Object.entries(falDefaults))('the %s default %s resolves and serves its scene', (scene, model) => {
    const entry = catalog.resolve({ provider: 'fal', model });
    expect(() => catalog.requireScene(entry, scene as never)).not.toThrow();
  });

  it.each(Object.entries(examples))('%s accepts its documented example', (model, input) => {
    const entry = catalog.resolve({ provider: 'fal', model });
    const fields = new Map(entry.fields.map((field) => [field.name, field]));
    const problems = Object.entries(input).flatMap(([name, value]) => {
      const field = fields.get(name);
      if (!field) return [`${name}: not in the schema`];
      const problem = checkField(field, value);
      return problem ? [`${name}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it.each(falCatalog.map((entry) => [entry.model, entry] as const))(
    '%s rejects a wrong type and an unknown choice',
    (_model, entry) => {
      const enumField = entry.fields.find((field) => field.enum?.length);
      const anyField = entry.fields[0];
      if (!anyField) throw new Error('an entry without fields');
      expect(checkField(anyField, anyField.type === 'string' ? 42 : 'wrong')).toBeDefined();
      if (enumField) expect(checkField(enumField, '__not_a_choice__')).toMatch(/^must be one of /);
    },
  );

  it('refuses a model for a scene it does not serve', () => {
    const entry = catalog.resolve({ model: 'fal/fal-ai/kling-video/o1/video-to-video/edit' });
    expect(() => catalog.requireScene(entry, 'text-to-video')).toThrowError(
      'Model "fal/fal-ai/kling-video/o1/video-to-video/edit" does not serve scene "text-to-video"; it serves "video-to-video".',
    );
  });
});
