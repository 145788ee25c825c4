import { type Emulators, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from './support/stores.js';
import { request, startTestGateway, type TestGateway } from './support/test-gateway.js';

describe.each(storeKinds)('security and bad input on %s', (store) => {
  let emulators: Emulators;
  let gateway: TestGateway;
  beforeAll(async () => {
    emulators = await startEmulators();
    gateway = await startTestGateway({
      store,
      environment: { ...emulators.environment, ADS_BODY_LIMIT: '64kb' },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulators?.close();
  });

  const upstreamCalls = () => emulators.kie.core.stats.submits + emulators.fal.core.stats.submits;

  it('answers 401 without a key, with an unknown key, and with a revoked key', async () => {
    const missing = await gateway.call('GET', '/v1/tasks', { apiKey: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('unauthorized');
    expect(missing.body.error.requestId).toBe(missing.headers.get('x-request-id'));
    const unknown = await gateway.call('GET', '/v1/tasks', { apiKey: 'sk-not-a-key' });
    expect(unknown.status).toBe(401);

    const key = await gateway.admin('POST', '/v1/admin/keys', {
      workspace_id: gateway.workspaceId,
      name: 'temp',
    });
    expect(key.status).toBe(201);
    const viaHeader = await request(`${gateway.url}/v1/account`, 'GET', {
      headers: { 'x-api-key': key.body.api_key },
    });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.key.prefix).toBe(key.body.api_key.slice(0, 10));
    const revoked = await gateway.admin('DELETE', `/v1/admin/keys/${key.body.id}`);
    expect(revoked.body.revoked_at).not.toBeNull();
    const after = await gateway.call('GET', '/v1/account', { apiKey: key.body.api_key });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('revoked');
  });

  it('guards the admin routes with the admin token', async () => {
    expect((await gateway.call('GET', '/v1/admin/workspaces')).status).toBe(401);
    expect((await gateway.admin('GET', '/v1/admin/workspaces')).status).toBe(200);
  });

  it("hides another workspace's tasks (404) and refuses its workspace id (403)", async () => {
    const other = await gateway.admin('POST', '/v1/admin/workspaces', { name: 'other', credits: 100 });
    const otherKey = await gateway.admin('POST', '/v1/admin/keys', { workspace_id: other.body.id });
    const task = await gateway.call('POST', '/api/actions/ai.video.generate', {
      apiKey: otherKey.body.api_key,
      body: { prompt: 'private clip', model: 'sandbox/sandbox-video' },
    });
    expect(task.status).toBe(200);
    const read = await gateway.call('GET', `/v1/tasks/${task.body.taskId}`);
    expect(read.status).toBe(404);
    const query = await gateway.call('POST', '/api/actions/ai.video.query', {
      body: { taskId: task.body.taskId },
    });
    expect(query.status).toBe(404);
    const cancel = await gateway.call('POST', `/v1/tasks/${task.body.taskId}/cancel`);
    expect(cancel.status).toBe(404);
    const foreign = await gateway.call('GET', `/v1/tasks?workspace_id=${other.body.id}`);
    expect(foreign.status).toBe(403);
    // A workspace of the same owner is reachable with workspace_id.
    const sibling = await gateway.admin('POST', '/v1/admin/workspaces', {
      name: 'sibling',
      credits: 10,
      owner_workspace_id: gateway.workspaceId,
    });
    const mine = await gateway.call('GET', `/v1/account?workspace_id=${sibling.body.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.workspaces.map((workspace: { id: string }) => workspace.id)).toContain(sibling.body.id);
  });

  it.each([
    ['a scene without its input', { scene: 'image-to-video', prompt: 'x' }, 'invalid_request', 'imageInput'],
    ['an unknown scene', { scene: 'music-video', prompt: 'x' }, 'invalid_request', 'scene'],
    [
      'an unknown model',
      { model: 'kie/bytedance/seedance-2-mimi', prompt: 'hello there' },
      'model_not_found',
      'did you mean',
    ],
    [
      'a model that does not serve the scene',
      { model: 'kie/wan/2-7-image-to-video', scene: 'text-to-video', prompt: 'hello there' },
      'model_scene_mismatch',
      'text-to-video',
    ],
    [
      'an option the model refuses',
      { model: 'kie/bytedance/seedance-2-mini', prompt: 'hello there', options: { resolution: '8k' } },
      'invalid_options',
      'options.resolution',
    ],
    [
      'an option the model does not have',
      { model: 'fal/fal-ai/kling-video/v2.1/master/text-to-video', prompt: 'hi there', options: { warp: 9 } },
      'invalid_options',
      'options.warp',
    ],
  ])('answers 400 for %s and never calls the upstream', async (_name, body, code, mentions) => {
    const before = upstreamCalls();
    const { status, body: answer } = await gateway.call('POST', '/api/actions/ai.video.generate', { body });
    expect(status).toBe(400);
    expect(answer.error.code).toBe(code);
    expect(answer.error.message).toContain(mentions);
    expect(upstreamCalls()).toBe(before);
  });

  it('answers 413 for an oversized body and 400 for broken JSON', async () => {
    const huge = await gateway.call('POST', '/v1/videos/generations', {
      body: { prompt: 'x'.repeat(100_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const broken = await gateway.call('POST', '/v1/videos/generations', { body: '{"prompt": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_request');
  });

  it('refuses forged webhooks and changes no task', async () => {
    const created = await gateway.call('POST', '/v1/videos/generations', {
      body: {
        provider: 'fal',
        model: 'fal-ai/kling-video/v2.1/master/text-to-video',
        scene: 'text-to-video',
        prompt: 'a calm lake',
      },
    });
    const upstreamId = [...emulators.fal.core.jobs.keys()].at(-1);
    const forged = await request(`${gateway.url}/webhooks/fal`, 'POST', {
      body: {
        request_id: upstreamId,
        status: 'OK',
        payload: { video: { url: 'https://evil.example/x.mp4' } },
      },
      headers: {
        'x-fal-webhook-request-id': String(upstreamId),
        'x-fal-webhook-user-id': 'someone',
        'x-fal-webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-fal-webhook-signature': 'ab'.repeat(64),
      },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthorized');
    const unknownProvider = await request(`${gateway.url}/webhooks/nobody`, 'POST', { body: {} });
    expect(unknownProvider.status).toBe(404);
    const task = await gateway.call('GET', `/v1/tasks/${created.body.id}`);
    expect(task.body.data.videoUrls).not.toContain('https://evil.example/x.mp4');
  });

  it('answers every malformed request with a 4xx envelope, never a 500', async () => {
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/actions/ai.video.generate', []],
      ['POST', '/api/actions/ai.video.generate', 'null'],
      ['POST', '/api/actions/ai.video.generate', { prompt: 12 }],
      ['POST', '/api/actions/ai.video.generate', { prompt: 'x', imageInput: 'not a url' }],
      ['POST', '/api/actions/ai.video.generate', { prompt: 'x', options: 'fast' }],
      ['POST', '/api/actions/ai.video.generate_and_wait', { prompt: 'x', timeoutMs: -1 }],
      ['POST', '/api/actions/ai.video.query', { taskId: '../../etc/passwd' }],
      ['GET', '/api/actions/nope/schema', undefined],
      ['GET', '/v1/tasks?limit=abc', undefined],
      ['GET', '/v1/tasks?cursor=!!!', undefined],
      ['GET', '/v1/tasks/%00', undefined],
      ['GET', '/v1/models?scene=opera', undefined],
      ['POST', '/v1/tasks/00000000-0000-4000-8000-000000000000/cancel', undefined],
      ['DELETE', '/v1/tasks', undefined],
      ['GET', '/nowhere', undefined],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await gateway.call(method, path, { body });
      expect(answer.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${method} ${path}`).toBeLessThan(500);
      expect(answer.body.error.code, `${method} ${path}`).toBeTypeOf('string');
      expect(answer.body.error.message.length).toBeGreaterThan(5);
    }
  });
});
