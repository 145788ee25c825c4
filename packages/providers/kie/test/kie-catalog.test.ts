import { readFileSync } from 'node:fs';
import {
  checkField,
  coerceToField,
  type FieldSpec,
  InvalidOptionsError,
  ModelCatalog,
  prepareInput,
} from '@ads/provider';
import { describe, expect, it } from 'vitest';
import { kieCatalog, kieDefaults, kieModelsWithoutScene } from '../src/index.js';

const examples: Record<string, { model: string; input?: Record<string, unknown> }> = JSON.parse(
  readFileSync(new URL('../src/__fixtures__/kie-doc-examples.json', import.meta.url), 'utf8'),
);
const catalog = new ModelCatalog(kieCatalog);
/**
 * Where kie's published example contradicts its own schema. The adapter follows the schema: these
 * example fields would be refused before any upstream call.
 */
const knownDocDiscrepancies: Record<string, string[]> = {
  'bytedance/seedance-2-mini': ['return_last_frame: not in the schema'], // copied from seedance-2's example
  'happyhorse/video-edit': ['reference_image : not in the schema'], // the example's key has a trailing space
  'wan/2-6-text-to-video': ['nsfw_checker: not in the schema'],
};

const withExamples = kieCatalog.filter((entry) => examples[entry.model]?.input);

/** A value of the wrong kind for a field, and one outside its range when it has one. */
function wrongValues(field: FieldSpec): unknown[] {
  const wrongType = field.type === 'string' ? 42 : field.type === 'array' ? 'not-a-list' : 'not-a-value';
  const outOfRange = field.enum?.length
    ? ['__not_a_choice__']
    : field.maximum !== undefined
      ? [field.maximum + 1]
      : field.maxLength !== undefined
        ? ['x'.repeat(field.maxLength + 1)]
        : [];
  return [wrongType, ...outOfRange];
}

describe('the kie catalog', () => {
  it('holds every kie video model a scene can use, plus Veo, the guide’s Sora 2 ids, Runway, Aleph, Veo extend, 1080p and 4K', () => {
    expect(kieCatalog.length).toBe(87);
    expect(kieModelsWithoutScene).toEqual([
      'grok-imagine/extend',
      'grok-imagine/upscale',
      'pixverse-v6/extend',
      'pixverse-v6/reference-to-video',
    ]);
    for (const id of [
      'sora-2-pro-text-to-video',
      'sora-2-pro-image-to-video',
      'veo3_fast',
      'runway',
      'runway/extend',
      'runway-aleph',
      'veo3/extend',
      'veo3/1080p',
      'veo3/4k',
    ]) {
      expect(catalog.get(`kie/${id}`)).toBeDefined();
    }
  });

  it.each(Object.entries(kieDefaults))('the %s default %s resolves and serves its scene', (scene, model) => {
    const entry = catalog.resolve({ provider: 'kie', model });
    expect(() => catalog.requireScene(entry, scene as never)).not.toThrow();
  });

  it('has an official example for most models', () => {
    expect(withExamples.length).toBeGreaterThanOrEqual(60);
  });

  it.each(withExamples.map((entry) => [entry.model, entry] as const))(
    '%s accepts its documented example',
    (model, entry) => {
      const input = examples[model]?.input ?? {};
      const fields = new Map(entry.fields.map((field) => [field.name, field]));
      const problems = Object.entries(input).flatMap(([name, value]) => {
        const field = fields.get(name);
        if (!field) return [`${name}: not in the schema`];
        // The same coercion prepareInput applies (kie's grok example sends duration "6" for a number field).
        const problem = checkField(field, coerceToField(field, value));
        return problem ? [`${name}: ${problem}`] : [];
      });
      expect(problems).toEqual(knownDocDiscrepancies[model] ?? []);
    },
  );

  it.each(kieCatalog.map((entry) => [entry.model, entry] as const))(
    '%s rejects wrong types and out-of-range values',
    (_model, entry) => {
      const field =
        entry.fields.find((candidate) => candidate.enum?.length || candidate.maximum !== undefined) ??
        entry.fields[0];
      if (!field) throw new Error('an entry without fields');
      for (const value of wrongValues(field)) {
        expect(checkField(field, value), `${field.name} = ${JSON.stringify(value)}`).toBeDefined();
      }
    },
  );

  it('refuses an unknown model and a model asked for a scene it does not serve, naming both', () => {
    expect(() => catalog.resolve({ provider: 'kie', model: 'bytedance/seedance-9' })).toThrowError(
      /Unknown model "kie\/bytedance\/seedance-9"/,
    );
    const entry = catalog.resolve({ provider: 'kie', model: 'wan/2-7-videoedit' });
    expect(() => catalog.requireScene(entry, 'text-to-video')).toThrowError(
      'Model "kie/wan/2-7-videoedit" does not serve scene "text-to-video"; it serves "video-to-video".',
    );
  });

  it('maps the standard options of the default text-to-video model onto seedance’s fields', () => {
    const entry = catalog.resolve({ model: 'kie/bytedance/seedance-2-mini' });
    const input = prepareInput(entry, {
      prompt: 'ocean waves at sunset',
      imageUrls: ['https://cdn.example.com/first.png'],
      videoUrls: [],
      options: { duration: 6, aspect_ratio: '9:16', resolution: '720p', audio: false },
    });
    expect(input).toEqual({
      prompt: 'ocean waves at sunset',
      first_frame_url: 'https://cdn.example.com/first.png',
      duration: 6,
      aspect_ratio: '9:16',
      resolution: '720p',
      generate_audio: false,
    });
    expect(() =>
      prepareInput(entry, { prompt: 'x', imageUrls: [], videoUrls: [], options: { resolution: '4k' } }),
    ).toThrow(InvalidOptionsError);
  });

  it('accepts Hailuo resolutions in the usual spelling and sends kie’s', () => {
    const entry = catalog.resolve({ model: 'kie/hailuo/02-image-to-video-standard' });
    const input = prepareInput(entry, {
      prompt: 'a cat',
      imageUrls: ['https://cdn.example.com/cat.png'],
      videoUrls: [],
      options: { resolution: '768p', duration: 6 },
    });
    expect(input).toMatchObject({ resolution: '768P', duration: '6' });
  });
});
