import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspectMp4, tinyVideo } from '@ads/provider/testing';
import {
  type Emulators,
  type GatewayProcess,
  spawnGateway,
  startEmulators,
  startS3Server,
  type TestS3Server,
} from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStoreEnvironment, type StoreKind, storeKinds } from './support/stores.js';
import {
  gatewayBin,
  type Json,
  request,
  startTestGateway,
  type TestGateway,
  testEnvironment,
  waitForEnd,
} from './support/test-gateway.js';

type StorageKind = 'local' | 's3';
const storageKinds: StorageKind[] = ['local', 's3'];

const kieBody = {
  provider: 'kie',
  model: 'bytedance/seedance-2-mini',
  scene: 'text-to-video',
  prompt: 'a calm ocean at dawn',
};
const falBody = {
  provider: 'fal',
  model: 'fal-ai/kling-video/v2.1/master/text-to-video',
  scene: 'text-to-video',
  prompt: 'a lighthouse in fog',
};

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.close();
});

/** Where a gateway keeps its videos, and how to take that storage down and bring it back. */
function storageFor(kind: StorageKind) {
  if (kind === 's3') return { environment: s3.environment, down: () => s3.stop(), up: () => s3.start() };
  // A local folder whose path runs through a file cannot be written (or read) until the file goes.
  const root = mkdtempSync(path.join(tmpdir(), 'ads-storage-'));
  const dir = path.join(root, 'videos');
  return {
    environment: { ADS_STORAGE_DIR: dir },
    dir,
    async down() {
      rmSync(dir, { recursive: true, force: true });
      writeFileSync(dir, 'not a folder');
    },
    async up() {
      rmSync(dir, { force: true });
    },
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function download(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const matrix = storeKinds.flatMap((store) => storageKinds.map((storage) => [store, storage] as const));

describe.each(matrix)('finished videos on %s with %s storage', (store, storageKind) => {
  let emulators: Emulators;
  let gateway: TestGateway;
  let clockOffset = 0;
  let storage: ReturnType<typeof storageFor>;

  beforeAll(async () => {
    emulators = await startEmulators();
    storage = storageFor(storageKind);
    gateway = await startTestGateway({
      store,
      now: () => Date.now() + clockOffset,
      environment: {
        ...emulators.environment,
        ...storage.environment,
        ADS_VIDEO_LINK_TTL_SECONDS: '600',
        ADS_RETENTION_DAYS: '1',
      },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulators?.close();
  });

  async function finished(body: object) {
    const created = await gateway.call('POST', '/v1/videos/generations', { body });
    expect(created.status).toBe(200);
    return waitForEnd(gateway, created.body.id);
  }

  it.each([
    ['kie', kieBody],
    ['fal', falBody],
  ] as const)(
    'keeps a %s video downloadable after the provider’s file is gone, byte for byte',
    async (provider, body) => {
      const task = await finished(body);
      expect(task.status).toBe('success');
      const [video] = task.videos;
      const upstreamId = (await gateway.gateway.engine.findForLink(task.id))?.upstreamId as string;
      const emulator = provider === 'kie' ? emulators.kie.core : emulators.fal.core;
      const upstreamBytes = emulator.files.bytesOf(upstreamId);
      emulator.files.drop(upstreamId);
      expect(
        (
          await download(
            `${(provider === 'kie' ? emulators.kie : emulators.fal).url}/files/${upstreamId}.mp4`,
          )
        ).response.status,
      ).toBe(404);

      expect(video).toMatchObject({
        index: 0,
        stored: true,
        bytes: upstreamBytes.length,
        sha256: sha256(upstreamBytes),
        content_type: 'video/mp4',
        reason: null,
      });
      const facts = inspectMp4(tinyVideo());
      expect(video.width).toBe(facts.width);
      expect(video.height).toBe(facts.height);
      expect(video.duration_seconds).toBeCloseTo(facts.durationSeconds, 3);
      expect(video.url.startsWith(`${gateway.url}/v1/tasks/${task.id}/videos/0.mp4?expires=`)).toBe(true);
      expect(task.data.videoUrls).toEqual([video.url]);

      const { response, bytes } = await download(video.url);
      expect(response.status).toBe(200);
      expect(Buffer.compare(bytes, upstreamBytes)).toBe(0);
      expect(response.headers.get('content-type')).toBe('video/mp4');
      expect(response.headers.get('content-length')).toBe(String(upstreamBytes.length));
      expect(response.headers.get('etag')).toBe(`"${sha256(upstreamBytes)}"`);
      expect(response.headers.get('content-disposition')).toBe(
        `inline; filename=${body.prompt.replaceAll(' ', '-')}-${task.id.slice(0, 8)}.mp4`,
      );

      // The actions surface shows the same stored file.
      const query = await gateway.call('POST', '/api/actions/ai.video.query', { body: { taskId: task.id } });
      expect(query.body.videos[0]).toMatchObject({
        stored: true,
        sha256: sha256(upstreamBytes),
        contentType: 'video/mp4',
      });
      expect(query.body.videoUrl).toBe(query.body.videos[0].url);
    },
  );

  it('answers ranges, ETag revalidation and HEAD, and refuses a range past the end', async () => {
    const task = await finished(kieBody);
    const [video] = task.videos;
    const whole = (await download(video.url)).bytes;

    const part = await download(video.url, { range: 'bytes=100-199' });
    expect(part.response.status).toBe(206);
    expect(part.response.headers.get('content-range')).toBe(`bytes 100-199/${whole.length}`);
    expect(Buffer.compare(part.bytes, whole.subarray(100, 200))).toBe(0);

    const tail = await download(video.url, { range: 'bytes=-10' });
    expect(tail.response.status).toBe(206);
    expect(Buffer.compare(tail.bytes, whole.subarray(whole.length - 10))).toBe(0);

    const past = await download(video.url, { range: `bytes=${whole.length + 5}-` });
    expect(past.response.status).toBe(416);
    expect(past.response.headers.get('content-range')).toBe(`bytes */${whole.length}`);
    expect(JSON.parse(past.bytes.toString()).error.code).toBe('range_not_satisfiable');

    const revalidated = await download(video.url, { 'if-none-match': `"${video.sha256}"` });
    expect(revalidated.response.status).toBe(304);

    const head = await fetch(video.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(whole.length));
    expect(head.headers.get('accept-ranges')).toBe('bytes');
  });

  it('signs links that expire (403 with the envelope), gives a fresh one on every read, and keeps files per workspace', async () => {
    const task = await finished(kieBody);
    const link = task.videos[0].url as string;
    const filePath = `/v1/tasks/${task.id}/videos/0.mp4`;

    // A forged signature and a link past its time are refused with the envelope.
    const forged = await download(link.replace(/signature=[^&]+/, 'signature=forged'));
    expect(forged.response.status).toBe(403);
    expect(JSON.parse(forged.bytes.toString()).error.code).toBe('link_expired');
    clockOffset += 11 * 60_000;
    try {
      const stale = await download(link);
      expect(stale.response.status).toBe(403);
      const envelope = JSON.parse(stale.bytes.toString());
      expect(envelope.error).toMatchObject({ code: 'link_expired' });
      expect(envelope.error.message).toContain(`GET /v1/tasks/${task.id}`);

      const reread = await gateway.call('GET', `/v1/tasks/${task.id}`);
      expect(reread.body.videos[0].url).not.toBe(link);
      expect((await download(reread.body.videos[0].url)).response.status).toBe(200);
    } finally {
      clockOffset = 0;
    }

    // The same path with the key works at any time; without either it is a 401.
    const keyed = await download(`${gateway.url}${filePath}`, { authorization: `Bearer ${gateway.apiKey}` });
    expect(keyed.response.status).toBe(200);
    expect((await download(`${gateway.url}${filePath}`)).response.status).toBe(401);

    // Another workspace's key does not reach the file.
    const other = await gateway.admin('POST', '/v1/admin/workspaces', { name: 'other' });
    const otherKey = (await gateway.admin('POST', '/v1/admin/keys', { workspace_id: other.body.id })).body
      .api_key;
    expect(otherKey).toMatch(/^sk-/);
    const foreign = await download(`${gateway.url}${filePath}`, { authorization: `Bearer ${otherKey}` });
    expect(foreign.response.status).toBe(404);
    expect(JSON.parse(foreign.bytes.toString()).error.code).toBe('not_found');
  });

  it('deletes a task’s files at the user’s request, once, with an audit record', async () => {
    const task = await finished(kieBody);
    const link = task.videos[0].url as string;
    const first = await gateway.call('DELETE', `/v1/tasks/${task.id}/videos`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'success', videos: [], data: { videoUrls: [] } });
    expect(first.body.videos_deleted_at).toEqual(expect.any(String));
    const again = await gateway.call('DELETE', `/v1/tasks/${task.id}/videos`);
    expect(again.status).toBe(200);
    expect(again.body.videos_deleted_at).toBe(first.body.videos_deleted_at);
    const gone = await download(link);
    expect(gone.response.status).toBe(404);
    expect(
      await gateway.gateway.storage.head(`videos/${gateway.workspaceId}/${task.id}/0.mp4`),
    ).toBeUndefined();
    const audit = await gateway.gateway.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('task_id', '=', task.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'videos.deleted', workspace_id: gateway.workspaceId });
    expect(audit[0]?.actor).toMatch(/^key:/);

    // An open task has nothing to delete yet: a 409 that says so.
    emulators.kie.core.options.hold = true;
    try {
      const open = await gateway.call('POST', '/v1/videos/generations', { body: kieBody });
      const refused = await gateway.call('DELETE', `/v1/tasks/${open.body.id}/videos`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('task_not_finished');
      emulators.kie.core.release();
      await waitForEnd(gateway, open.body.id);
    } finally {
      emulators.kie.core.options.hold = undefined;
    }
  });

  it('deletes the files of tasks older than the retention, marks them, and records it once', async () => {
    const task = await finished(kieBody);
    const key = `videos/${gateway.workspaceId}/${task.id}/0.mp4`;
    expect(await gateway.gateway.upkeep.runOnce()).toBe(0);
    expect(await gateway.gateway.storage.head(key)).toBeDefined();
    clockOffset += 2 * 86_400_000;
    try {
      expect(await gateway.gateway.upkeep.runOnce()).toBeGreaterThanOrEqual(1);
      expect(await gateway.gateway.upkeep.runOnce()).toBe(0);
    } finally {
      clockOffset = 0;
    }
    expect(await gateway.gateway.storage.head(key)).toBeUndefined();
    const swept = await gateway.call('GET', `/v1/tasks/${task.id}`);
    expect(swept.body).toMatchObject({ status: 'success', videos: [], data: { videoUrls: [] } });
    expect(swept.body.videos_deleted_at).toEqual(expect.any(String));
    const audit = await gateway.gateway.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('task_id', '=', task.id)
      .execute();
    expect(audit.map((event) => event.actor)).toEqual(['retention']);
  });

  it('waits out a storage outage: the task succeeds, stored, once storage is back', async () => {
    const failuresBefore = await metric(gateway.url, 'ads_video_copy_failures_total');
    await storage.down();
    let id: string | undefined;
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', { body: kieBody });
      id = created.body.id as string;
      await until(
        async () => (await metric(gateway.url, 'ads_video_copy_failures_total')) >= failuresBefore + 2,
        'two failed copies',
      );
      const meanwhile = await gateway.call('GET', `/v1/tasks/${id}`);
      expect(meanwhile.body).toMatchObject({ status: 'running', videos: [] });
    } finally {
      await storage.up();
    }
    const task = await waitForEnd(gateway, id as string);
    expect(task).toMatchObject({ status: 'success', videos: [{ stored: true }] });
    expect((await download(task.videos[0].url)).response.status).toBe(200);
  });
});

describe.each(storageKinds)('storage down past its deadline, on sqlite with %s storage', (storageKind) => {
  it('succeeds with the provider’s link, says stored: false and why, and counts it', async () => {
    const emulators = await startEmulators();
    const storage = storageFor(storageKind);
    const gateway = await startTestGateway({
      store: 'sqlite',
      environment: { ...emulators.environment, ...storage.environment, ADS_STORAGE_DEADLINE_SECONDS: '1' },
    });
    await storage.down();
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', { body: kieBody });
      const task = await waitForEnd(gateway, created.body.id);
      expect(task.status).toBe('success');
      const [video] = task.videos;
      expect(video).toMatchObject({ stored: false, sha256: null });
      expect(video.url).toMatch(new RegExp(`^${emulators.kie.url}/files/`));
      expect(video.reason).toContain('deadline');
      expect(task.data.videoUrls).toEqual([video.url]);
      expect(task.credits).toBeGreaterThan(0);
      expect(await metric(gateway.url, 'ads_videos_unstored_total')).toBe(1);
    } finally {
      await storage.up();
      await gateway.close();
      await emulators.close();
    }
  });
});

describe('tasks settled before the gateway stored videos', () => {
  it('keep their links as they were, and old sandbox clips are still served', async () => {
    const emulators = await startEmulators();
    const gateway = await startTestGateway({ store: 'sqlite', environment: emulators.environment });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', { body: kieBody });
      await waitForEnd(gateway, created.body.id);
      // As a task of the previous version reads: its provider link, and no stored videos.
      const legacyUrl = `${gateway.url}/files/sandbox/legacy-clip.mp4`;
      await gateway.gateway.store.db
        .updateTable('tasks')
        .set({ videos_json: null, video_urls_json: JSON.stringify([legacyUrl]) })
        .where('id', '=', created.body.id)
        .execute();
      const task = (await gateway.call('GET', `/v1/tasks/${created.body.id}`)).body;
      expect(task.data.videoUrls).toEqual([legacyUrl]);
      expect(task.videos).toMatchObject([{ index: 0, url: legacyUrl, stored: false, sha256: null }]);
      const legacyDir = path.join(gateway.environment.ADS_DATA_DIR as string, 'sandbox');
      mkdirSync(legacyDir, { recursive: true });
      writeFileSync(path.join(legacyDir, 'legacy-clip.mp4'), tinyVideo());
      const { response, bytes } = await download(legacyUrl);
      expect(response.status).toBe(200);
      expect(Buffer.compare(bytes, Buffer.from(tinyVideo()))).toBe(0);
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });
});

describe('downloads redirected to the bucket (ADS_S3_REDIRECT=true)', () => {
  it('answers 302 to a presigned link that serves the same bytes', async () => {
    const emulators = await startEmulators();
    const gateway = await startTestGateway({
      store: 'sqlite',
      environment: { ...emulators.environment, ...s3.environment, ADS_S3_REDIRECT: 'true' },
    });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', { body: kieBody });
      const task = await waitForEnd(gateway, created.body.id);
      const answer = await fetch(task.videos[0].url, { redirect: 'manual' });
      expect(answer.status).toBe(302);
      const location = answer.headers.get('location') as string;
      expect(location.startsWith(`${s3.url}/`)).toBe(true);
      expect(location).toContain('X-Amz-Signature=');
      const upstreamId = (await gateway.gateway.engine.findForLink(task.id))?.upstreamId as string;
      const { response, bytes } = await download(location);
      expect(response.status).toBe(200);
      expect(Buffer.compare(bytes, emulators.kie.core.files.bytesOf(upstreamId))).toBe(0);
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });
});

/** ads-server as a process on a given store and storage, for crashes and several instances. */
async function spawnOn(environment: Record<string, string>): Promise<GatewayProcess> {
  return spawnGateway(gatewayBin, environment);
}

describe.each(matrix)(
  'a crash (SIGKILL) in the middle of a copy, on %s with %s storage',
  (store: StoreKind, storageKind) => {
    it('completes the copy once after the restart, and never serves part of the file', async () => {
      // A file of 8 MB, so the copy is under way (half sent, held) when the gateway is killed.
      const emulators = await startEmulators({ kie: { videoBytes: 8 * 1024 * 1024 } });
      const storage = storageFor(storageKind);
      const environment = testEnvironment({
        ...(await freshStoreEnvironment(store)),
        ...emulators.environment,
        ...storage.environment,
        ADS_LEASE_MS: '1500',
      });
      const files = emulators.kie.core.files;
      files.hold();
      let first: GatewayProcess | undefined = await spawnOn(environment);
      let second: GatewayProcess | undefined;
      try {
        const apiKey = first.firstKey as string;
        const created = await request<Json>(`${first.url}/v1/videos/generations`, 'POST', {
          bearer: apiKey,
          body: kieBody,
        });
        const id = created.body.id as string;
        await emulators.kie.core.until(() => files.stats.reads === 1);
        const during = await request<Json>(`${first.url}/v1/tasks/${id}`, 'GET', { bearer: apiKey });
        expect(during.body).toMatchObject({ status: 'running', videos: [] });
        const direct = await download(`${first.url}/v1/tasks/${id}/videos/0.mp4`, {
          authorization: `Bearer ${apiKey}`,
        });
        expect(direct.response.status).toBe(404);
        await first.kill('SIGKILL');
        first = undefined;
        files.release();

        second = await spawnOn(environment);
        const deadline = Date.now() + 90_000;
        let task: Json;
        for (;;) {
          task = (await request<Json>(`${second.url}/v1/tasks/${id}`, 'GET', { bearer: apiKey })).body;
          if (task.status !== 'running' && task.status !== 'pending') break;
          if (Date.now() > deadline) throw new Error(`task still ${task.status}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(task.status).toBe('success');
        const { response, bytes } = await download(task.videos[0].url);
        expect(response.status).toBe(200);
        expect(bytes.length).toBe(8 * 1024 * 1024);
        const job = [...emulators.kie.core.jobs.values()][0];
        expect(sha256(bytes)).toBe(files.sha256Of(job?.id as string));
        expect(task.videos[0].sha256).toBe(sha256(bytes));
        // One download cut by the crash, one whole one after it: the copy completed once.
        expect(files.stats.reads).toBe(2);
        expect(files.stats.completed).toBeGreaterThanOrEqual(1);
        if (storageKind === 'local' && 'dir' in storage) {
          const workspace = readdirSync(path.join(storage.dir as string, 'videos'))[0] as string;
          expect(readdirSync(path.join(storage.dir as string, 'videos', workspace, id))).toEqual(['0.mp4']);
        }
      } finally {
        files.release();
        first?.child.kill('SIGKILL');
        second?.child.kill('SIGKILL');
        await emulators.close();
      }
    });
  },
);

describe.each(storeKinds.includes('postgres') ? storageKinds : [])(
  'two instances on one PostgreSQL with %s storage',
  (storageKind) => {
    it('copy each video once', async () => {
      const emulators = await startEmulators({ kie: { hold: true } });
      const storage = storageFor(storageKind);
      const environment = testEnvironment({
        ...(await freshStoreEnvironment('postgres')),
        ...emulators.environment,
        ...storage.environment,
      });
      const one = await spawnOn(environment);
      const two = await spawnOn(environment);
      try {
        const apiKey = one.firstKey as string;
        const ids: string[] = [];
        for (let index = 0; index < 6; index += 1) {
          const gatewayUrl = index % 2 === 0 ? one.url : two.url;
          const created = await request<Json>(`${gatewayUrl}/v1/videos/generations`, 'POST', {
            bearer: apiKey,
            body: { ...kieBody, prompt: `clip ${index}` },
          });
          ids.push(created.body.id);
        }
        await emulators.kie.core.until((core) => core.jobs.size === 6);
        emulators.kie.core.release();
        for (const id of ids) {
          const deadline = Date.now() + 60_000;
          for (;;) {
            const { body } = await request<Json>(`${two.url}/v1/tasks/${id}`, 'GET', { bearer: apiKey });
            if (body.status === 'success') break;
            expect(['pending', 'running']).toContain(body.status);
            if (Date.now() > deadline) throw new Error(`task ${id} still ${body.status}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
        expect(emulators.kie.core.files.stats.reads).toBe(6);
        expect(emulators.kie.core.files.stats.completed).toBe(6);
        const { body } = await request<Json>(`${one.url}/v1/tasks/${ids[0]}`, 'GET', { bearer: apiKey });
        expect((await download(body.videos[0].url)).response.status).toBe(200);
      } finally {
        one.child.kill('SIGKILL');
        two.child.kill('SIGKILL');
        await emulators.close();
      }
    });
  },
);
