import { type GatewayProcess, spawnGateway, startEmulators } from '@ads/testing';
import { describe, expect, it } from 'vitest';
import { findTask } from '../src/store/task-repository.js';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import {
  gatewayBin,
  type Json,
  request,
  startTestGateway,
  testEnvironment,
  waitForEnd,
} from './support/test-gateway.js';

describe.each(storeKinds)('the catalog as the providers publish it, on %s', (store) => {
  it('extends a Runway video the gateway made: the source video URL becomes kie’s taskId', async () => {
    const emulators = await startEmulators({ kie: { jobMs: 200 } });
    const gateway = await startTestGateway({ store, environment: emulators.environment });
    try {
      const first = await gateway.call('POST', '/v1/videos/generations', {
        body: {
          provider: 'kie',
          model: 'runway',
          scene: 'text-to-video',
          prompt: 'a lighthouse',
          options: { duration: 5 },
        },
      });
      expect(first.status).toBe(200);
      const made = await waitForEnd(gateway, first.body.id);
      expect(made.status).toBe('success');
      const sourceUrl = made.data.videoUrls[0];
      const extended = await gateway.call('POST', '/v1/videos/generations', {
        body: {
          provider: 'kie',
          model: 'runway/extend',
          scene: 'video-to-video',
          prompt: 'the storm comes',
          video_input: [sourceUrl],
        },
      });
      expect(extended.status).toBe(200);
      expect((await waitForEnd(gateway, extended.body.id)).status).toBe('success');
      const source = await findTask(gateway.gateway.store.db, first.body.id);
      const job = [...emulators.kie.core.jobs.values()].find(
        (candidate) => candidate.model === 'runway/extend',
      );
      expect(job?.input).toMatchObject({ taskId: source?.upstreamId, prompt: 'the storm comes' });

      const stranger = await gateway.call('POST', '/v1/videos/generations', {
        body: {
          provider: 'kie',
          model: 'veo3/extend',
          scene: 'video-to-video',
          prompt: 'more',
          video_input: [sourceUrl],
        },
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error).toMatchObject({
        code: 'invalid_request',
        issues: [{ path: 'video_input', message: expect.stringContaining('earlier task') }],
      });
      expect(emulators.kie.core.stats.submits).toBe(2);
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });

  it('refuses a model its provider withdrew with a 400 that names the replacement, and sends nothing', async () => {
    const emulators = await startEmulators();
    const gateway = await startTestGateway({ store, environment: emulators.environment });
    try {
      const answer = await gateway.call('POST', '/v1/videos/generations', {
        body: { provider: 'fal', model: 'fal-ai/veo3', scene: 'text-to-video', prompt: 'old model' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 'model_deprecated',
        message: 'fal/fal-ai/veo3 was withdrawn by fal; use fal/fal-ai/veo3.1 instead.',
        details: { replacement: 'fal/fal-ai/veo3.1' },
      });
      expect(emulators.fal.core.stats.submits).toBe(0);
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });
});

describe('GET /v1/models for a catalog of hundreds', () => {
  it('filters by scene, provider, what this gateway can run, and a search; runnable first, withdrawn last', async () => {
    // No provider keys: only the sandbox can run.
    const gateway = await startTestGateway({ store: 'sqlite' });
    try {
      const all = (await gateway.call('GET', '/v1/models')).body.data as Json[];
      expect(all.length).toBeGreaterThan(500);
      expect(all[0]).toMatchObject({ provider: 'sandbox', configured: true });
      const firstWithdrawn = all.findIndex((model) => model.deprecated);
      expect(firstWithdrawn).toBeGreaterThan(0);
      expect(all.slice(firstWithdrawn).every((model) => model.deprecated)).toBe(true);
      expect(all.find((model) => model.id === 'fal/fal-ai/veo3')).toMatchObject({
        deprecated: true,
        replacement: 'fal/fal-ai/veo3.1',
      });
      const runnable = (await gateway.call('GET', '/v1/models?configured=true')).body.data as Json[];
      expect(runnable.map((model) => model.provider)).toEqual(runnable.map(() => 'sandbox'));
      const found = (await gateway.call('GET', '/v1/models?search=Veo3.1&provider=fal&scene=image-to-video'))
        .body.data as Json[];
      expect(found.length).toBeGreaterThan(2);
      expect(found.every((model) => model.id.startsWith('fal/') && model.id.includes('veo3.1'))).toBe(true);
      expect(found.every((model) => model.scenes.includes('image-to-video'))).toBe(true);
      const bad = await gateway.call('GET', '/v1/models?configured=yes');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
    } finally {
      await gateway.close();
    }
  });
});

describe.skipIf(!storeKinds.includes('postgres'))(
  'kie’s account limits, shared by two instances on PostgreSQL',
  () => {
    it('keeps both instances together inside 20 creates per 10 s and 10 reads per second', {
      timeout: 120_000,
    }, async () => {
      // The emulated account refuses (429) what kie would: creates over 20 per 10 s, reads over 10 per second.
      const emulators = await startEmulators({
        kie: { hold: true, statusLimit: { limit: 10, windowMs: 1000 } },
      });
      const environment = testEnvironment({
        ...(await freshStoreEnvironment('postgres')),
        ...emulators.environment,
        ADS_POLL_SCALE: '0.005',
      });
      const instances: GatewayProcess[] = [];
      try {
        instances.push(await spawnGateway(gatewayBin, environment));
        instances.push(await spawnGateway(gatewayBin, environment));
        const apiKey = instances[0]?.firstKey as string;
        const created = await Promise.all(
          Array.from({ length: 24 }, (_, index) =>
            request<Json>(`${instances[index % 2]?.url}/v1/videos/generations`, 'POST', {
              bearer: apiKey,
              body: {
                provider: 'kie',
                model: 'bytedance/seedance-2-mini',
                scene: 'text-to-video',
                prompt: `clip ${index}`,
              },
            }),
          ),
        );
        expect(created.every((answer) => answer.status === 200)).toBe(true);
        // Every task reaches kie (spread over the account's window), then both instances keep polling.
        await emulators.kie.core.until(
          (core) => core.jobs.size === 24 && core.stats.statusReads >= 60,
          90_000,
        );
        // Two instances each on its own bucket would send twice kie's rate: dozens refused. A request
        // granted in turn can still arrive early on a loaded machine, so one or two may meet a 429.
        expect(emulators.kie.core.stats.rateLimited).toBeLessThanOrEqual(2);
        expect(emulators.kie.core.stats.submits).toBe(24);
      } finally {
        for (const instance of instances) instance.child.kill('SIGKILL');
        await emulators.close();
      }
    });
  },
);
