import { prepareInput, UpstreamHttpError } from '@ads/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { kieCatalog } from '../src/index.js';
import { mockedKie } from './kie-mock.js';

const entry = (model: string) => {
  const found = kieCatalog.find((candidate) => candidate.model === model);
  if (!found) throw new Error(`${model} is not in the kie catalog`);
  return found;
};

let mock = mockedKie();
afterEach(async () => {
  await mock.agent.close();
  mock = mockedKie();
});

describe('kie start', () => {
  it('creates a jobs task with Bearer auth, the model, the input and the callback URL', async () => {
    mock.reply('POST', '/api/v1/jobs/createTask', 200, {
      code: 200,
      msg: 'success',
      data: { taskId: 'task_seedance_1765187774173' },
    });
    const model = entry('bytedance/seedance-2-mini');
    const input = prepareInput(model, {
      prompt: 'ocean waves at sunset',
      imageUrls: [],
      videoUrls: [],
      options: { duration: 5, aspect_ratio: '9:16' },
    });
    const result = await mock.provider.start({
      entry: model,
      scene: 'text-to-video',
      input,
      webhookUrl: 'https://gateway.example.com/webhooks/kie',
    });
    expect(result).toEqual({
      upstreamId: 'task_seedance_1765187774173',
      operation: { api: 'jobs', taskId: 'task_seedance_1765187774173', model: 'bytedance/seedance-2-mini' },
    });
    expect(mock.seen).toEqual([
      {
        method: 'POST',
        path: '/api/v1/jobs/createTask',
        headers: expect.objectContaining({
          authorization: 'Bearer kie-test-key',
          'content-type': 'application/json',
        }),
        body: {
          model: 'bytedance/seedance-2-mini',
          input: { prompt: 'ocean waves at sunset', duration: 5, aspect_ratio: '9:16' },
          callBackUrl: 'https://gateway.example.com/webhooks/kie',
        },
      },
    ]);
  });

  it('sends the guide’s Sora 2 Pro image-to-video request with kie’s own field names and types', async () => {
    mock.reply('POST', '/api/v1/jobs/createTask', 200, {
      code: 200,
      msg: 'success',
      data: { taskId: '281e5b0f39b9' },
    });
    const model = entry('sora-2-pro-image-to-video');
    const input = prepareInput(model, {
      imageUrls: ['https://cdn.example.com/reference.png'],
      videoUrls: [],
      prompt: 'gentle camera motion',
      options: { duration: 10, aspect_ratio: '9:16' },
    });
    await mock.provider.start({ entry: model, scene: 'image-to-video', input });
    expect(mock.seen[0]?.body).toEqual({
      model: 'sora-2-pro-image-to-video',
      input: {
        prompt: 'gentle camera motion',
        image_urls: ['https://cdn.example.com/reference.png'],
        n_frames: '10',
        aspect_ratio: 'portrait',
      },
    });
  });

  it('sends Veo requests to /veo/generate with the fields at the top level', async () => {
    mock.reply('POST', '/api/v1/veo/generate', 200, {
      code: 200,
      msg: 'success',
      data: { taskId: 'veo_task_abcdef123456' },
    });
    const model = entry('veo3_fast');
    const input = prepareInput(model, {
      prompt: 'a futuristic city',
      imageUrls: ['https://cdn.example.com/first.png', 'https://cdn.example.com/last.png'],
      videoUrls: [],
      options: { duration: 8, aspect_ratio: '9:16', resolution: '1080p' },
    });
    const result = await mock.provider.start({ entry: model, scene: 'image-to-video', input });
    expect(result.operation).toMatchObject({ api: 'veo', taskId: 'veo_task_abcdef123456' });
    expect(mock.seen[0]).toMatchObject({
      path: '/api/v1/veo/generate',
      body: {
        model: 'veo3_fast',
        prompt: 'a futuristic city',
        imageUrls: ['https://cdn.example.com/first.png', 'https://cdn.example.com/last.png'],
        duration: 8,
        aspect_ratio: '9:16',
        resolution: '1080p',
      },
    });
  });

  it.each([
    [
      'insufficient kie credits',
      200,
      { code: 402, msg: 'Credits insufficient' },
      'upstream_insufficient_credits',
      false,
      true,
    ],
    [
      'validation (HTTP 200, code 422)',
      200,
      { code: 422, msg: 'resolution is not within the range of allowed options' },
      'upstream_rejected',
      false,
      true,
    ],
    [
      'content policy',
      200,
      { code: 400, msg: 'Your prompt was flagged as violating content policies.' },
      'upstream_rejected',
      false,
      true,
    ],
    [
      'rate limit (HTTP 429)',
      429,
      { code: 429, msg: 'Rate limit exceeded' },
      'upstream_rate_limited',
      true,
      true,
    ],
    ['bad key', 401, '', 'upstream_auth', false, true],
    // No envelope: the answer may come from in front of kie, so a job may exist.
    ['server error with an empty body', 500, '', 'upstream_unavailable', true, false],
    ['maintenance', 200, { code: 455, msg: 'Service unavailable' }, 'upstream_unavailable', true, true],
    // kie's 500 is "an unexpected error occurred while processing the request": it may have created the task.
    [
      'a server error in kie’s envelope (HTTP 200)',
      200,
      { code: 500, msg: 'Server Error - please try again later', data: null },
      'upstream_unavailable',
      true,
      false,
    ],
    [
      'a server error in kie’s envelope (HTTP 500)',
      500,
      { code: 500, msg: 'Server Error', data: null },
      'upstream_unavailable',
      true,
      false,
    ],
    // kie documents that a 200 means the task was created: without its id the gateway cannot tell.
    [
      'a 200 without data.taskId',
      200,
      { code: 200, msg: 'success', data: {} },
      'upstream_bad_response',
      false,
      false,
    ],
    [
      'a 200 with data null',
      200,
      { code: 200, msg: 'success', data: null },
      'upstream_bad_response',
      false,
      false,
    ],
    ['a 200 whose body is not JSON', 200, '<html>ok</html>', 'upstream_bad_response', false, false],
    ['a Cloudflare 403 before kie', 403, 'error code: 1010', 'upstream_auth', false, true],
  ])(
    'maps %s to a clear error and never retries the submit',
    async (_case, status, body, code, retryable, refused) => {
      mock.reply('POST', '/api/v1/jobs/createTask', status, body);
      const model = entry('bytedance/seedance-2-mini');
      const failure = await mock.provider
        .start({ entry: model, scene: 'text-to-video', input: { prompt: 'waves' } })
        .catch((error) => error);
      expect(UpstreamHttpError.isInstance(failure)).toBe(true);
      expect(failure).toMatchObject({ code, isRetryable: retryable, definitelyNotCreated: refused });
      expect(failure.message).toMatch(/^kie answered \d{3}/);
      expect(mock.seen).toHaveLength(1);
    },
  );

  it('reports a missing key before calling kie', async () => {
    const { createKie } = await import('../src/index.js');
    const unconfigured = createKie({ apiKey: '', baseURL: 'https://api.kie.test' });
    delete process.env.KIE_API_KEY;
    expect(unconfigured.isConfigured()).toBe(false);
    await expect(
      unconfigured.start({ entry: entry('bytedance/seedance-2-mini'), scene: 'text-to-video', input: {} }),
    ).rejects.toThrowError('Provider "kie" is not configured on this gateway: set KIE_API_KEY');
  });
});
