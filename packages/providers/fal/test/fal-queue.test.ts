import { prepareInput, UpstreamHttpError } from '@ads/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { falAppRoot, falCatalog } from '../src/index.js';
import { mockedFal, queueOrigin } from './fal-mock.js';

const entry = (model: string) => {
  const found = falCatalog.find((candidate) => candidate.model === model);
  if (!found) throw new Error(`${model} is not in the fal catalog`);
  return found;
};

let mock = mockedFal();
afterEach(async () => {
  await mock.agent.close();
  mock = mockedFal();
});

const requestId = '80e732af-660e-45cd-bd63-580e4f2a94cc';
const submitted = (app: string) => ({
  status: 'IN_QUEUE',
  request_id: requestId,
  response_url: `${queueOrigin}/${app}/requests/${requestId}`,
  status_url: `${queueOrigin}/${app}/requests/${requestId}/status`,
  cancel_url: `${queueOrigin}/${app}/requests/${requestId}/cancel`,
  queue_position: 0,
});

describe('fal request URLs', () => {
  it.each([
    ['fal-ai/kling-video/v2.1/master/text-to-video', 'fal-ai/kling-video'],
    ['fal-ai/bytedance/seedance/v1/pro/text-to-video', 'fal-ai/bytedance'],
    ['bytedance/seedance-2.0/text-to-video', 'bytedance/seedance-2.0'],
    ['wan/v2.6/image-to-video', 'wan/v2.6'],
    ['fal-ai/veo3.1', 'fal-ai/veo3.1'],
    ['workflows/someone/my-flow/run', 'workflows/someone/my-flow'],
    ['12345-myapp', '12345/myapp'],
  ])('%s polls under %s', (endpoint, root) => {
    expect(falAppRoot(endpoint)).toBe(root);
  });
});

describe('fal submit', () => {
  it('posts the model input itself to the full endpoint id, with Key auth and the webhook as fal_webhook', async () => {
    mock.reply(
      queueOrigin,
      'POST',
      `/fal-ai/kling-video/v2.1/master/text-to-video?fal_webhook=${encodeURIComponent('https://gw.example.com/webhooks/fal')}`,
      200,
      submitted('fal-ai/kling-video'),
    );
    const model = entry('fal-ai/kling-video/v2.1/master/text-to-video');
    const input = prepareInput(model, {
      prompt: 'A red fox running through snow, cinematic',
      imageUrls: [],
      videoUrls: [],
      options: { duration: 5, aspect_ratio: '16:9' },
    });
    const result = await mock.provider.start({
      entry: model,
      scene: 'text-to-video',
      input,
      webhookUrl: 'https://gw.example.com/webhooks/fal',
    });
    expect(mock.seen[0]).toMatchObject({
      method: 'POST',
      headers: expect.objectContaining({
        authorization: 'Key fal-test-key',
        'content-type': 'application/json',
      }),
      body: { prompt: 'A red fox running through snow, cinematic', duration: '5', aspect_ratio: '16:9' },
    });
    expect(result).toEqual({
      upstreamId: requestId,
      operation: {
        requestId,
        endpointId: 'fal-ai/kling-video/v2.1/master/text-to-video',
        statusUrl: `${queueOrigin}/fal-ai/kling-video/requests/${requestId}/status`,
        responseUrl: `${queueOrigin}/fal-ai/kling-video/requests/${requestId}`,
        cancelUrl: `${queueOrigin}/fal-ai/kling-video/requests/${requestId}/cancel`,
      },
    });
  });

  it('sends the guide’s video-to-video edit with the source video and reference images', async () => {
    mock.reply(queueOrigin, 'POST', '/fal-ai/kling-video/o1/video-to-video/edit', 200, {
      request_id: requestId,
    });
    const model = entry('fal-ai/kling-video/o1/video-to-video/edit');
    const input = prepareInput(model, {
      prompt: 'Replace the car with a red vintage bus',
      imageUrls: ['https://cdn.example.com/style.png'],
      videoUrls: ['https://cdn.example.com/source.mp4'],
      options: { keep_audio: true },
    });
    const result = await mock.provider.start({ entry: model, scene: 'video-to-video', input });
    expect(mock.seen[0]?.body).toEqual({
      prompt: 'Replace the car with a red vintage bus',
      image_urls: ['https://cdn.example.com/style.png'],
      video_url: 'https://cdn.example.com/source.mp4',
      keep_audio: true,
    });
    // Without URLs in the answer, status and result live under owner/app.
    expect(result.operation).toMatchObject({
      statusUrl: `${queueOrigin}/fal-ai/kling-video/requests/${requestId}/status`,
    });
  });

  it('maps Veo 3.1 durations to fal’s "8s" spelling', async () => {
    mock.reply(queueOrigin, 'POST', '/fal-ai/veo3.1', 200, submitted('fal-ai/veo3.1'));
    const model = entry('fal-ai/veo3.1');
    const input = prepareInput(model, {
      prompt: 'a glass city',
      imageUrls: [],
      videoUrls: [],
      options: { duration: 8, resolution: '1080p', audio: false },
    });
    await mock.provider.start({ entry: model, scene: 'text-to-video', input });
    expect(mock.seen[0]?.body).toEqual({
      prompt: 'a glass city',
      duration: '8s',
      resolution: '1080p',
      generate_audio: false,
    });
  });

  it('ignores returned URLs on another host, so the key never leaves the queue', async () => {
    mock.reply(queueOrigin, 'POST', '/fal-ai/veo3.1', 200, {
      ...submitted('fal-ai/veo3.1'),
      status_url: 'https://evil.example.com/steal',
    });
    const model = entry('fal-ai/veo3.1');
    const result = await mock.provider.start({
      entry: model,
      scene: 'text-to-video',
      input: { prompt: 'x' },
    });
    expect(result.operation).toMatchObject({
      statusUrl: `${queueOrigin}/fal-ai/veo3.1/requests/${requestId}/status`,
    });
  });

  it.each([
    [
      422,
      { detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] },
      'upstream_rejected',
      'fal answered 422: prompt: field required',
      true,
    ],
    [401, { detail: 'Invalid API key' }, 'upstream_auth', 'fal answered 401: Invalid API key', true],
    [
      429,
      { detail: 'Too many requests' },
      'upstream_rate_limited',
      'fal answered 429: Too many requests',
      true,
    ],
    [
      503,
      { detail: 'Runner scheduling failure', error_type: 'runner_scheduling_failure' },
      'upstream_unavailable',
      'fal answered 503 (runner_scheduling_failure): Runner scheduling failure',
      false,
    ],
  ])(
    'maps HTTP %s on submit to a clear error, without retrying',
    async (status, body, code, message, refused) => {
      mock.reply(queueOrigin, 'POST', '/fal-ai/veo3.1', status, body);
      const model = entry('fal-ai/veo3.1');
      const failure = await mock.provider
        .start({ entry: model, scene: 'text-to-video', input: { prompt: 'x' } })
        .catch((error) => error);
      expect(UpstreamHttpError.isInstance(failure)).toBe(true);
      expect(failure).toMatchObject({ code, message, definitelyNotCreated: refused });
      expect(mock.seen).toHaveLength(1);
    },
  );
});

describe('fal status, result and cancel', () => {
  const operation = {
    requestId,
    endpointId: 'fal-ai/kling-video/v2.1/master/text-to-video',
    statusUrl: `${queueOrigin}/fal-ai/kling-video/requests/${requestId}/status`,
    responseUrl: `${queueOrigin}/fal-ai/kling-video/requests/${requestId}`,
    cancelUrl: `${queueOrigin}/fal-ai/kling-video/requests/${requestId}/cancel`,
  };
  const statusPath = `/fal-ai/kling-video/requests/${requestId}/status?logs=0`;
  const resultPath = `/fal-ai/kling-video/requests/${requestId}`;

  it('maps IN_QUEUE with its position and IN_PROGRESS to pending', async () => {
    mock.reply(queueOrigin, 'GET', statusPath, 202, {
      status: 'IN_QUEUE',
      queue_position: 3,
      response_url: operation.responseUrl,
    });
    await expect(mock.provider.status(operation)).resolves.toEqual({ state: 'pending', queuePosition: 3 });
    mock.reply(queueOrigin, 'GET', statusPath, 202, {
      status: 'IN_PROGRESS',
      request_id: requestId,
      logs: [],
      metrics: {},
    });
    await expect(mock.provider.status(operation)).resolves.toEqual({ state: 'pending' });
    expect(mock.seen[0]?.headers).toMatchObject({ authorization: 'Key fal-test-key' });
  });

  it('reads the result on COMPLETED: a video is success', async () => {
    mock.reply(queueOrigin, 'GET', statusPath, 200, {
      status: 'COMPLETED',
      request_id: requestId,
      metrics: { inference_time: 143.2 },
    });
    mock.reply(queueOrigin, 'GET', resultPath, 200, {
      video: {
        url: 'https://v3.fal.media/files/out.mp4',
        content_type: 'video/mp4',
        file_name: 'output.mp4',
        file_size: 4404019,
      },
    });
    await expect(mock.provider.status(operation)).resolves.toEqual({
      state: 'success',
      videos: [{ url: 'https://v3.fal.media/files/out.mp4', contentType: 'video/mp4' }],
    });
  });

  it('reads the result on COMPLETED: a 422 is a failure with the field named (fal has no FAILED status)', async () => {
    mock.reply(queueOrigin, 'GET', statusPath, 200, { status: 'COMPLETED', request_id: requestId });
    mock.reply(queueOrigin, 'GET', resultPath, 422, {
      detail: [
        {
          loc: ['body', 'prompt'],
          msg: 'ensure this value has at most 2500 characters',
          type: 'value_error.any_str.max_length',
        },
      ],
    });
    await expect(mock.provider.status(operation)).resolves.toEqual({
      state: 'failed',
      code: 'upstream_rejected',
      message: 'prompt: ensure this value has at most 2500 characters (fal 422)',
      retryable: false,
    });
  });

  it('maps a content policy error type', async () => {
    mock.reply(queueOrigin, 'GET', statusPath, 200, { status: 'COMPLETED', request_id: requestId });
    mock.reply(queueOrigin, 'GET', resultPath, 422, {
      detail: 'The content could not be processed',
      error_type: 'content_policy_violation',
    });
    await expect(mock.provider.status(operation)).resolves.toMatchObject({
      state: 'failed',
      code: 'content_policy',
    });
  });

  it('treats an ingress 503 on the result as transient, not as a failed job', async () => {
    mock.reply(queueOrigin, 'GET', statusPath, 200, { status: 'COMPLETED', request_id: requestId });
    mock.reply(queueOrigin, 'GET', resultPath, 503, '<html>Service Unavailable</html>');
    mock.reply(queueOrigin, 'GET', resultPath, 503, '<html>Service Unavailable</html>');
    await expect(mock.provider.status(operation)).rejects.toMatchObject({
      code: 'upstream_unavailable',
      isRetryable: true,
    });
  });

  it.each([
    ['401 after a key rotation', 401, { detail: 'No user found for Key ID and Secret' }, 'upstream_auth'],
    ['403 on a locked account', 403, { detail: 'User is locked' }, 'upstream_auth'],
    ['404', 404, { detail: 'Request not found' }, 'upstream_rejected'],
    ['410', 410, '', 'upstream_rejected'],
    ['500 without detail', 500, { message: 'Internal Server Error' }, 'upstream_unavailable'],
    ['502 from the ingress', 502, '<html>Bad Gateway</html>', 'upstream_unavailable'],
  ])(
    'treats a %s on the result of a COMPLETED request as a read error to retry: fal billed the video',
    async (_case, status, body, code) => {
      mock.reply(queueOrigin, 'GET', statusPath, 200, { status: 'COMPLETED', request_id: requestId });
      mock.reply(queueOrigin, 'GET', resultPath, status, body);
      await expect(mock.provider.status(operation)).rejects.toMatchObject({ code, isRetryable: true });
    },
  );

  it('reads a 500 with fal’s X-Fal-Error-Type header as the model’s failure', async () => {
    mock.reply(queueOrigin, 'GET', statusPath, 200, { status: 'COMPLETED', request_id: requestId });
    mock.reply(
      queueOrigin,
      'GET',
      resultPath,
      500,
      { error: 'generation crashed' },
      { 'x-fal-error-type': 'runner_error' },
    );
    await expect(mock.provider.status(operation)).resolves.toMatchObject({
      state: 'failed',
      code: 'upstream_failed',
    });
  });

  it('cancels with PUT: requested while queued, too late once completed', async () => {
    mock.reply(queueOrigin, 'PUT', `${resultPath}/cancel`, 202, { status: 'CANCELLATION_REQUESTED' });
    await expect(mock.provider.cancel(operation)).resolves.toBe('requested');
    mock.reply(queueOrigin, 'PUT', `${resultPath}/cancel`, 400, { status: 'ALREADY_COMPLETED' });
    await expect(mock.provider.cancel(operation)).resolves.toBe('too-late');
    expect(mock.seen.map((request) => request.method)).toEqual(['PUT', 'PUT']);
  });
});
