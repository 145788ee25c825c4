import { startEmulators } from '@ads/testing';
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../src/store/task-record.js';
import { findTask } from '../src/store/task-repository.js';
import { storeKinds } from './support/stores.js';
import { releaseJob, startTestGateway, waitForEnd } from './support/test-gateway.js';

const falModel = {
  provider: 'fal',
  model: 'fal-ai/kling-video/v2.1/master/text-to-video',
  scene: 'text-to-video',
};

describe.each(storeKinds)('calling the upstream on %s', (store) => {
  it('a submit slower than the lease stays its sender’s: no runner takes it for one a crash cut off', async () => {
    // Every kie answer takes 2.5 s, and a lease lasts 1 s: the runner looks for due tasks every 50 ms.
    const emulators = await startEmulators({ kie: { hold: true, latencyMs: 2_500 } });
    const gateway = await startTestGateway({
      store,
      environment: { ...emulators.environment, ADS_LEASE_MS: '1000' },
    });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', {
        body: { provider: 'kie', model: 'bytedance/seedance-2-mini', scene: 'text-to-video', prompt: 'slow' },
      });
      expect(created.body.status).toBe('running');
      expect(emulators.kie.core.stats.submits).toBe(1);
      await releaseJob(gateway, emulators.kie.core, created.body.id);
      expect((await waitForEnd(gateway, created.body.id)).status).toBe('success');
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });

  it('sends one status read per check and waits the Retry-After the upstream gave (30 s), uncapped', async () => {
    const emulators = await startEmulators({
      fal: { hold: true, statusLimit: { limit: 0, windowMs: 1000, retryAfterSeconds: 30 } },
    });
    let clock = Date.parse('2026-12-01T10:00:00Z');
    const gateway = await startTestGateway({
      store,
      environment: emulators.environment,
      now: () => clock,
      startRunner: false,
    });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', {
        body: { ...falModel, prompt: 'a kite' },
      });
      expect(created.body.status).toBe('running');
      clock += 60_000;
      expect(await gateway.gateway.runner.checkDueOnce()).toBe(1);
      expect(emulators.fal.core.stats).toMatchObject({ statusReads: 1, rateLimited: 1, resultReads: 0 });
      const task = (await findTask(gateway.gateway.store.db, created.body.id)) as TaskRecord;
      expect(task).toMatchObject({ status: 'running', checkCount: 1, leaseOwner: null });
      expect(task.nextCheckAt).toBe(clock + 30_000);
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });

  it('stopping the runner aborts a status read in flight and leaves the task to the next start', async () => {
    // Every read hangs for two minutes and the upstream timeout is longer still: only an abort ends it.
    const emulators = await startEmulators({
      kie: { hold: true, faults: { slowStatusRate: 1, slowMs: 120_000 } },
    });
    const gateway = await startTestGateway({
      store,
      environment: { ...emulators.environment, ADS_UPSTREAM_TIMEOUT_MS: '180000' },
    });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', {
        body: {
          provider: 'kie',
          model: 'bytedance/seedance-2-mini',
          scene: 'text-to-video',
          prompt: 'a kite',
        },
      });
      await emulators.kie.core.until((core) => core.stats.statusReads >= 1);
      const stoppedAt = Date.now();
      await gateway.gateway.runner.stop();
      const given = (await findTask(gateway.gateway.store.db, created.body.id)) as TaskRecord;
      expect(given).toMatchObject({ status: 'running', checkCount: 0, leaseOwner: null, leaseUntil: null });
      expect(given.nextCheckAt).toBeLessThanOrEqual(Date.now());
      expect(given.nextCheckAt).toBeGreaterThanOrEqual(stoppedAt);

      const faults = emulators.kie.core.options.faults as { slowStatusRate: number };
      faults.slowStatusRate = 0;
      await releaseJob(gateway, emulators.kie.core, created.body.id);
      gateway.gateway.runner.start();
      expect((await waitForEnd(gateway, created.body.id)).status).toBe('success');
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });
});
