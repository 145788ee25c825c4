import { actionTaskSchema, restTaskSchema } from '@ads/contract';
import { inspectMp4 } from '@ads/provider/testing';
import { type Emulators, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedCurl, seedCurls, seedGetPaths, seedsPresent } from './support/seed-curls.js';
import { storeKinds } from './support/stores.js';
import { startTestGateway, type TestGateway, waitForEnd } from './support/test-gateway.js';

const curls = seedCurls();
const actionCurls = curls.filter((curl) => curl.path.startsWith('/api/actions/'));
const restCurls = curls.filter((curl) => curl.path === '/v1/videos/generations');

/** Sends one guide curl as written (host and key swapped); a `<uuid>` placeholder becomes `taskId`. */
function send(gateway: TestGateway, curl: SeedCurl, taskId?: string) {
  const body = JSON.parse(JSON.stringify(curl.body ?? {}).replace('<uuid>', taskId ?? '<uuid>'));
  return gateway.call(curl.method, curl.path, { body });
}

async function expectPlayableVideo(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const info = inspectMp4(new Uint8Array(await response.arrayBuffer()));
  expect(info.durationSeconds).toBeGreaterThan(0);
}

describe.skipIf(!seedsPresent)('the product guides, curl by curl', () => {
  it('finds the curls of both guides', () => {
    expect(actionCurls.map((curl) => curl.path)).toEqual([
      '/api/actions/ai.video.generate_and_wait',
      '/api/actions/ai.video.generate',
      '/api/actions/ai.video.query',
    ]);
    expect(restCurls).toHaveLength(3);
    expect(seedGetPaths()).toEqual(['/api/actions', '/api/actions/ai.video.generate_and_wait/schema']);
  });

  describe.each(storeKinds)('on %s', (store) => {
    describe('against the sandbox (no provider keys)', () => {
      let gateway: TestGateway;
      beforeAll(async () => {
        gateway = await startTestGateway({ store });
      });
      afterAll(() => gateway?.close());

      it('generate_and_wait answers with a playable video', async () => {
        const curl = actionCurls[0] as SeedCurl;
        const { status, body } = await send(gateway, curl);
        expect(status).toBe(200);
        expect(actionTaskSchema.parse(body)).toMatchObject({ status: 'success', provider: 'sandbox' });
        expect(body.videoUrl).toBe(body.url);
        await expectPlayableVideo(body.videoUrl);
      });

      it('generate, then query, agree with GET /v1/tasks/{id}', async () => {
        const created = await send(gateway, actionCurls[1] as SeedCurl);
        expect(created.status).toBe(200);
        expect(Object.keys(created.body)).toEqual(
          expect.arrayContaining(['taskId', 'status', 'provider', 'model']),
        );
        const finished = await waitForEnd(gateway, created.body.taskId);
        const queried = await send(gateway, actionCurls[2] as SeedCurl, created.body.taskId);
        expect(queried.status).toBe(200);
        expect(queried.body.status).toBe('success');
        expect(queried.body.videoUrls).toEqual(finished.data.videoUrls);
        expect(finished.data).toEqual({
          id: created.body.taskId,
          mediaType: 'video',
          status: 'success',
          videoUrls: [queried.body.videoUrl],
        });
      });

      it('lists the actions and serves the schema the guide links to', async () => {
        for (const path of seedGetPaths()) {
          const { status } = await gateway.call('GET', path);
          expect(status, path).toBe(200);
        }
        const schema = await gateway.call('GET', '/api/actions/ai.video.generate_and_wait/schema');
        expect(schema.body.input.properties).toHaveProperty('timeoutMs');
      });

      it('answers the REST guide with a clear 400 while kie and fal have no keys', async () => {
        const { status, body } = await send(gateway, restCurls[0] as SeedCurl);
        expect(status).toBe(400);
        expect(body.error.code).toBe('provider_not_configured');
        expect(body.error.message).toContain('KIE_API_KEY');
      });
    });

    describe('against the kie and fal emulators', () => {
      let emulators: Emulators;
      let gateway: TestGateway;
      beforeAll(async () => {
        emulators = await startEmulators();
        gateway = await startTestGateway({ store, environment: emulators.environment });
      });
      afterAll(async () => {
        await gateway?.close();
        await emulators?.close();
      });

      it('generate_and_wait goes to the seed default, kie bytedance/seedance-2-mini', async () => {
        const { status, body } = await send(gateway, actionCurls[0] as SeedCurl);
        expect(status).toBe(200);
        expect(body).toMatchObject({
          status: 'success',
          provider: 'kie',
          model: 'bytedance/seedance-2-mini',
        });
        expect(body.videoUrl).toMatch(/^http/);
        expect(emulators.kie.core.stats.submits).toBeGreaterThan(0);
      });

      it.each(restCurls.map((curl) => [curl.source, curl] as const))('%s', async (_name, curl) => {
        const created = await send(gateway, curl);
        expect(created.status, JSON.stringify(created.body)).toBe(200);
        expect(restTaskSchema.parse(created.body)).toMatchObject({
          object: 'video.generation.task',
          provider: curl.body?.provider,
          model: curl.body?.model,
        });
        expect(created.body.data).toMatchObject({ id: created.body.id, mediaType: 'video' });
        const finished = await waitForEnd(gateway, created.body.id);
        expect(finished.status).toBe('success');
        expect(finished.data.videoUrls.length).toBeGreaterThan(0);
        // The same task through the other surface.
        const query = await gateway.call('POST', '/api/actions/ai.video.query', {
          body: { taskId: created.body.id },
        });
        expect(query.body).toMatchObject({
          taskId: created.body.id,
          status: 'success',
          videoUrls: finished.data.videoUrls,
        });
      });
    });
  });
});
