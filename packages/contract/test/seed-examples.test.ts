import { describe, expect, it } from 'vitest';
import {
  actionFlags,
  actionTaskSchema,
  cliVideoResultSchema,
  findAction,
  generateAndWaitActionInputSchema,
  restTaskSchema,
} from '../src/index.js';
import {
  cliApiGuideRequests,
  cliFlagTable,
  cliGuideCommands,
  cliJsonOutputExample,
  videoGuideRequests,
  videoGuideResponseExample,
  withRealTaskId,
} from './fixtures/seed-examples.js';
import { bodySchemaOf, routeFor } from './route-lookup.js';

const taskId = '7f0c5bd4-2f44-4c1f-9f5e-0a6c8e3f9b21';

describe('the guides’ request examples validate against the contract', () => {
  it.each([...cliApiGuideRequests, ...videoGuideRequests])('$method $path', (example) => {
    const schema = bodySchemaOf(routeFor(example.method, example.path));
    const result = schema.safeParse(withRealTaskId(example.body, taskId));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('normalises the REST example’s string duration into seconds', () => {
    const schema = bodySchemaOf(routeFor('POST', '/v1/videos/generations'));
    const parsed = schema.parse(videoGuideRequests[1]?.body) as { options: { duration: number } };
    expect(parsed.options.duration).toBe(10);
  });

  it('defaults timeoutMs to 600000 and the scene to text-to-video', () => {
    const parsed = generateAndWaitActionInputSchema.parse({ prompt: 'ocean waves at sunset' });
    expect(parsed).toMatchObject({
      timeoutMs: 600000,
      scene: 'text-to-video',
      imageInput: [],
      videoInput: [],
    });
  });
});

describe('the CLI flag table maps onto the generate_and_wait input', () => {
  const definition = findAction('ai.video.generate_and_wait');
  if (!definition) throw new Error('ai.video.generate_and_wait is not registered');
  const flags = actionFlags(definition);

  it.each(cliFlagTable)('--$flag → $field', ({ flag, field }) => {
    expect(flags.find((spec) => spec.flag === flag)?.field).toBe(field);
  });

  it('marks image and video input as list flags and options as JSON', () => {
    const kinds = Object.fromEntries(flags.map((spec) => [spec.flag, spec.kind]));
    expect(kinds).toMatchObject({
      'image-input': 'list',
      'video-input': 'list',
      options: 'json',
      timeout: 'number',
    });
    expect(flags.find((spec) => spec.flag === 'scene')?.choices).toContain('ad-video');
  });

  it.each(cliGuideCommands.map((argv) => [argv.join(' '), argv]))('ads video generate %s', (_line, argv) => {
    const byFlag = new Map(flags.map((spec) => [spec.flag, spec]));
    const body: Record<string, unknown> = {};
    for (let index = 0; index < argv.length; index += 1) {
      const flag = argv[index]?.replace(/^--/, '') ?? '';
      if (flag === 'out' || flag === 'json') {
        index += flag === 'out' ? 1 : 0;
        continue;
      }
      const spec = byFlag.get(flag);
      expect(spec, `--${flag} is derived from the contract`).toBeDefined();
      body[spec?.field ?? flag] = argv[index + 1];
      index += 1;
    }
    expect(generateAndWaitActionInputSchema.safeParse(body).error?.issues ?? []).toEqual([]);
  });
});

describe('the guides’ response examples validate against the response schemas', () => {
  it('the CLI --json output example is exactly the CLI result shape', () => {
    expect(cliVideoResultSchema.parse(cliJsonOutputExample)).toEqual(cliJsonOutputExample);
  });

  it('the CLI result shape is a view of the action task', () => {
    for (const key of ['taskId', 'status', 'videoUrl', 'url', 'provider', 'model'] as const) {
      expect(cliVideoResultSchema.shape[key]).toBe(actionTaskSchema.shape[key]);
    }
  });

  it('the REST response example carries every field the schema requires of it', () => {
    const gatewayFields = {
      provider: 'kie',
      model: 'sora-2-pro-text-to-video',
      scene: 'text-to-video',
      input: { prompt: 'a cat' },
      progress: null,
      credits: 6,
      error: null,
      workspace_id: 'ws',
      created_at: '2026-11-21T12:00:00.000Z',
      updated_at: '2026-11-21T12:00:00.000Z',
      finished_at: null,
      videos: [],
      videos_deleted_at: null,
    };
    const task = { ...videoGuideResponseExample, ...gatewayFields };
    expect(restTaskSchema.strict().parse(task)).toEqual(task);
  });

  it('rejects a task whose data is not a video', () => {
    const result = restTaskSchema.pick({ data: true }).safeParse({
      data: { ...videoGuideResponseExample.data, mediaType: 'image' },
    });
    expect(result.success).toBe(false);
  });
});
