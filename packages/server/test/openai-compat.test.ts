import { type Emulators, startEmulators } from '@ads/testing';
import OpenAI, { toFile } from 'openai';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForEnd } from './support/test-gateway.js';

const sandbox = 'sandbox/sandbox-video';

describe('the OpenAI videos API, driven by the official openai package', () => {
  let emulators: Emulators;
  let gateway: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    emulators = await startEmulators();
    gateway = await startTestGateway({ store: 'sqlite', environment: emulators.environment });
    client = new OpenAI({ apiKey: gateway.apiKey, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulators?.close();
  });

  /** Polls with retrieve, as an OpenAI client does, until the video ends. */
  async function untilDone(id: string) {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const video = await client.videos.retrieve(id);
      if (video.status === 'completed' || video.status === 'failed') return video;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`video ${id} did not end`);
  }

  it('creates (multipart), retrieves, downloads and deletes a video; the task is the same on every surface', async () => {
    const created = await client.videos.create({
      prompt: 'a calm ocean at dawn',
      model: sandbox,
      seconds: '4' as never,
      size: '640x360' as never,
    });
    expect(created).toMatchObject({ object: 'video', model: sandbox, seconds: '4', size: '640x360' });
    expect(['queued', 'in_progress']).toContain(created.status);
    const done = await untilDone(created.id);
    expect(done).toMatchObject({
      status: 'completed',
      progress: 100,
      prompt: 'a calm ocean at dawn',
      error: null,
    });
    expect(done.completed_at).toBeGreaterThanOrEqual(done.created_at);
    const rest = await gateway.call('GET', `/v1/tasks/${created.id}`);
    expect(rest.body).toMatchObject({ id: created.id, status: 'success' });
    const action = await gateway.call('POST', '/api/actions/ai.video.query', {
      body: { taskId: created.id },
    });
    expect(action.body).toMatchObject({ taskId: created.id, status: 'success' });

    const content = await client.videos.downloadContent(created.id);
    const bytes = Buffer.from(await content.arrayBuffer());
    expect(content.headers.get('content-type')).toBe('video/mp4');
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(bytes.length).toBe(rest.body.videos[0].bytes);
    const ranged = await fetch(`${gateway.url}/v1/videos/${created.id}/content`, {
      headers: { authorization: `Bearer ${gateway.apiKey}`, range: 'bytes=0-99' },
    });
    expect(ranged.status).toBe(206);
    await expect(client.videos.downloadContent(created.id, { variant: 'thumbnail' })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );

    expect(await client.videos.delete(created.id)).toEqual({
      id: created.id,
      object: 'video.deleted',
      deleted: true,
    });
    await expect(client.videos.downloadContent(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('sends a local image as input_reference (a file part) and as {image_url}', async () => {
    const image = new PNG({ width: 64, height: 36 });
    image.data.fill(120);
    const file = await toFile(PNG.sync.write(image), 'reference.png', { type: 'image/png' });
    const fromFile = await client.videos.create({
      prompt: 'pan across',
      model: sandbox,
      input_reference: file,
    });
    expect((await untilDone(fromFile.id)).status).toBe('completed');
    const task = await gateway.call('GET', `/v1/tasks/${fromFile.id}`);
    expect(task.body.scene).toBe('image-to-video');

    const uploaded = await gateway.gateway.store.db.selectFrom('files').selectAll().execute();
    expect(uploaded.map((row) => row.content_type)).toEqual(['image/png']);
    const byId = await client.videos.create({
      prompt: 'pan across',
      model: sandbox,
      input_reference: { file_id: uploaded[0]?.id as string },
    });
    expect((await untilDone(byId.id)).status).toBe('completed');
  });

  it('lists with after, limit and order, and pages through everything once', async () => {
    const ids: string[] = [];
    for (const prompt of ['one', 'two', 'three'])
      ids.push((await client.videos.create({ prompt, model: sandbox })).id);
    const newest = await client.videos.list({ limit: 2 });
    expect(newest.data.map((video) => video.id)).toEqual([ids[2], ids[1]]);
    expect(newest.has_more).toBe(true);
    const seen: string[] = [];
    for await (const video of client.videos.list({ limit: 2, order: 'asc' })) seen.push(video.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(-3)).toEqual(ids);
  });

  it('answers with the error classes the openai package maps: 400, 401, 402, 404', async () => {
    const badSize = await client.videos
      .create({ prompt: 'x', model: sandbox, size: '1280x720' as never })
      .catch((error: unknown) => error);
    expect(badSize).toBeInstanceOf(OpenAI.BadRequestError);
    expect((badSize as Error).message).toContain('size must be one of 426x240, 640x360, 854x480');
    const badSeconds = await client.videos
      .create({ prompt: 'x', model: 'kie/bytedance/v1-lite-text-to-video', seconds: '7' as never })
      .catch((error: unknown) => error);
    expect(badSeconds).toBeInstanceOf(OpenAI.BadRequestError);
    expect((badSeconds as Error).message).toMatch(/seconds must be one of [\d, ]+/);
    const unknownModel = await client.videos
      .create({ prompt: 'x', model: 'nope' })
      .catch((error: unknown) => error);
    expect(unknownModel).toBeInstanceOf(OpenAI.BadRequestError);

    const stranger = new OpenAI({ apiKey: 'sk-unknown', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await expect(stranger.videos.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

    const poor = await gateway.admin('POST', '/v1/admin/workspaces', { name: 'poor', credits: 0 });
    const key = await gateway.admin('POST', '/v1/admin/keys', { workspace_id: poor.body.id });
    const broke = new OpenAI({ apiKey: key.body.api_key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const refused = await broke.videos
      .create({ prompt: 'a lighthouse at dusk', model: 'kie/bytedance/seedance-2-mini' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
    expect((refused as InstanceType<typeof OpenAI.APIError>).code).toBe('insufficient_credits');

    await expect(client.videos.retrieve('3f0b6c1e-8a2d-4b7e-9c51-2d6e8f4a1b90')).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
  });

  it('accepts JSON as well, and the task waits like any other', async () => {
    const answer = await gateway.call('POST', '/v1/videos', {
      body: { prompt: 'json body', model: sandbox },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const ended = await waitForEnd(gateway, answer.body.id);
    expect(ended.status).toBe('success');
  });
});
