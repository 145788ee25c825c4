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
  it('covers Kling (with the o1 edit), Veo 3 and 3.1, Seedance, Wan, Sora 2, Hailuo, Luma and Pika', () => {
    expect(falCatalog.length).toBe(48);
    expect(falModelsWithoutScene).toEqual(['fal-ai/sora-2/video-to-video/remix']);
    for (const family of [
      'kling-video/o1/video-to-video/edit',
      'veo3/',
      'veo3.1',
      'seedance',
      'wan',
      'sora-2',
      'hailuo',
      'luma',
      'pika',
    ]) {
      expect(
        falCatalog.some((entry) => entry.model.includes(family)),
        family,
      ).toBe(true);
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
