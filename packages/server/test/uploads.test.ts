import { createHash } from 'node:crypto';
import { type Emulators, freePort, startEmulators } from '@ads/testing';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from './support/stores.js';
import { type Json, startTestGateway, type TestGateway, waitForEnd } from './support/test-gateway.js';

/** A PNG of one colour: the sandbox animates it, so the clip shows it was read. */
function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

const mp4Head = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(500, 1)]);

async function upload(
  gateway: TestGateway,
  bytes: Buffer,
  options: { name?: string; type?: string; field?: string; apiKey?: string; query?: string } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const form = new FormData();
  form.append(
    options.field ?? 'file',
    new Blob([bytes], { type: options.type ?? 'image/png' }),
    options.name ?? 'ref.png',
  );
  const response = await fetch(`${gateway.url}/v1/files${options.query ?? ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.apiKey ?? gateway.apiKey}` },
    body: form,
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe.each(storeKinds)('uploads on %s', (store) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ store, environment: { ADS_UPLOAD_LIMIT: '300kb' } });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('stores a file, judging its type by its bytes, and serves it back by key and by signed link', async () => {
    const bytes = png(64, 36);
    const answer = await upload(gateway, bytes, { type: 'text/html', name: '../../etc/ref.png' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({
      id: expect.stringMatching(/^file_[A-Za-z0-9]{24}$/),
      object: 'file',
      bytes: bytes.length,
      content_type: 'image/png',
      filename: 'ref.png',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      workspace_id: gateway.workspaceId,
    });
    const signed = await fetch(answer.body.url);
    expect(signed.status).toBe(200);
    expect(signed.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await signed.arrayBuffer()).equals(bytes)).toBe(true);
    const tampered = await fetch(answer.body.url.replace(/signature=[^&]+/, 'signature=AAAA'));
    expect(tampered.status).toBe(403);
    const ranged = await fetch(`${gateway.url}/v1/files/${answer.body.id}/content`, {
      headers: { authorization: `Bearer ${gateway.apiKey}`, range: 'bytes=0-7' },
    });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(0, 8))).toBe(true);
    const facts = await gateway.call('GET', `/v1/files/${answer.body.id}`);
    expect(facts.body.sha256).toBe(answer.body.sha256);
  });

  it('refuses what is not an accepted type, what is too large and what is not multipart, keeping nothing', async () => {
    const html = await upload(gateway, Buffer.from('<html><script>alert(1)</script></html>'.repeat(3)));
    expect(html.status).toBe(415);
    expect(html.body.error.code).toBe('unsupported_media_type');
    const big = await upload(gateway, Buffer.concat([png(8, 8), Buffer.alloc(400 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const json = await gateway.call('POST', '/v1/files', { body: { file: 'x' } });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toContain('multipart/form-data');
    const wrongField = await upload(gateway, png(8, 8), { field: 'image' });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.message).toContain('send the file as file');
    const noKey = await upload(gateway, png(8, 8), { apiKey: 'sk-nope' });
    expect(noKey.status).toBe(401);
    const files = await gateway.gateway.store.db.selectFrom('files').select('id').execute();
    expect(files).toHaveLength(1);
  });

  it('takes a file id as an image input on the REST and actions surfaces; the sandbox animates it', async () => {
    const file = (await upload(gateway, png(64, 36))).body;
    const rest = await gateway.call('POST', '/v1/videos/generations', {
      body: {
        model: 'sandbox/sandbox-video',
        scene: 'image-to-video',
        prompt: 'pan',
        image_input: [file.id],
      },
    });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    const action = await gateway.call('POST', '/api/actions/ai.video.generate', {
      body: { model: 'sandbox/sandbox-video', scene: 'image-to-video', prompt: 'pan', imageInput: file.url },
    });
    expect(action.status, JSON.stringify(action.body)).toBe(200);
    for (const id of [rest.body.id, action.body.taskId]) {
      const ended = await waitForEnd(gateway, id);
      expect(ended.status, JSON.stringify(ended.error)).toBe('success');
    }
    const stored = await gateway.gateway.store.db
      .selectFrom('tasks')
      .select('input_json')
      .where('id', '=', rest.body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.input_json).image_urls).toEqual([`ads-file:${file.id}`]);
  });

  it('names the input when a file id is unknown, of another workspace, or the wrong kind', async () => {
    const other = await gateway.admin('POST', '/v1/admin/workspaces', { name: 'other', credits: 10 });
    const key = await gateway.admin('POST', '/v1/admin/keys', { workspace_id: other.body.id });
    const theirs = (await upload(gateway, png(8, 8), { apiKey: key.body.api_key })).body;
    const video = (await upload(gateway, mp4Head, { type: 'video/mp4', name: 'clip.mp4' })).body;
    expect(video.content_type).toBe('video/mp4');
    for (const [id, message] of [
      ['file_AAAAAAAAAAAAAAAAAAAAAAAA', 'No uploaded file'],
      [theirs.id, 'No uploaded file'],
      [video.id, 'is video/mp4'],
    ] as const) {
      const answer = await gateway.call('POST', '/v1/videos/generations', {
        body: { model: 'sandbox/sandbox-video', scene: 'image-to-video', prompt: 'x', image_input: [id] },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain(message);
      expect(answer.body.error.issues[0].path).toBe('image_input.0');
    }
    const badId = await gateway.call('POST', '/v1/videos/generations', {
      body: { model: 'sandbox/sandbox-video', scene: 'image-to-video', prompt: 'x', image_input: ['file_x'] },
    });
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('uploaded file (file_...)');
  });

  it('deletes a file: its bytes go, and a task naming it afterwards is refused', async () => {
    const file = (await upload(gateway, png(8, 8))).body;
    const deleted = await gateway.call('DELETE', `/v1/files/${file.id}`);
    expect(deleted.body).toEqual({ id: file.id, object: 'file', deleted: true });
    expect((await fetch(file.url)).status).toBe(404);
    expect((await gateway.call('GET', `/v1/files/${file.id}`)).status).toBe(404);
  });
});

describe('uploaded inputs reach kie and fal', () => {
  let emulators: Emulators;
  let gateway: TestGateway;
  let publicGateway: TestGateway;
  beforeAll(async () => {
    emulators = await startEmulators();
    gateway = await startTestGateway({ store: 'sqlite', environment: emulators.environment });
    const port = await freePort();
    publicGateway = await startTestGateway({
      store: 'sqlite',
      environment: {
        ...emulators.environment,
        PORT: String(port),
        ADS_PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await publicGateway?.close();
    await emulators?.close();
  });

  const create = (on: TestGateway, model: string, image: string) =>
    on.call('POST', '/v1/videos/generations', {
      body: { model, scene: 'image-to-video', prompt: 'a slow pan', image_input: [image] },
    });

  it('without a public URL: through each provider’s own upload API, and the job gets its URL', async () => {
    const bytes = png(32, 32);
    const file = (await upload(gateway, bytes)).body;
    const kie = await create(gateway, 'kie/bytedance/v1-lite-image-to-video', file.id);
    expect(kie.status, JSON.stringify(kie.body)).toBe(200);
    const kieUpload = emulators.kie.core.uploads.at(-1);
    expect(kieUpload?.bytes.equals(bytes)).toBe(true);
    expect(kieUpload?.name).toBe(`${file.id}.png`);
    const kieJob = [...emulators.kie.core.jobs.values()].at(-1);
    expect(JSON.stringify(kieJob?.input)).toContain(kieUpload?.url);

    const fal = await create(gateway, 'fal/bytedance/seedance-2.0/image-to-video', file.id);
    expect(fal.status, JSON.stringify(fal.body)).toBe(200);
    const falUpload = emulators.fal.core.uploads.at(-1);
    expect(falUpload?.bytes.equals(bytes)).toBe(true);
    expect(falUpload?.contentType).toBe('image/png');
    const falJob = [...emulators.fal.core.jobs.values()].at(-1);
    expect(JSON.stringify(falJob?.input)).toContain(falUpload?.url);
  });

  it('with a public URL: the provider gets a signed gateway link that serves the file, and nothing is uploaded', async () => {
    const bytes = png(16, 16);
    const file = (await upload(publicGateway, bytes)).body;
    const before = emulators.kie.core.uploads.length;
    const kie = await create(publicGateway, 'kie/bytedance/v1-lite-image-to-video', file.id);
    expect(kie.status, JSON.stringify(kie.body)).toBe(200);
    expect(emulators.kie.core.uploads.length).toBe(before);
    const job = [...emulators.kie.core.jobs.values()].at(-1);
    const link = JSON.stringify(job?.input).match(/http:\/\/127\.0\.0\.1:\d+\/v1\/files\/[^"]+/)?.[0];
    expect(link).toContain(`/v1/files/${file.id}/content?expires=`);
    const fetched = await fetch(JSON.parse(`"${link}"`));
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
