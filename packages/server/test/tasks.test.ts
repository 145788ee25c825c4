import { type Emulators, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleFromStatus } from '../src/engine/settle-from-status.js';
import type { TaskRecord } from '../src/store/task-record.js';
import { findTask } from '../src/store/task-repository.js';
import { markCancelRequested } from '../src/store/task-transitions.js';
import { ledgerFacts } from './support/ledger.js';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import {
  type Json,
  releaseJob,
  request,
  startTestGateway,
  type TestGateway,
  waitForEnd,
} from './support/test-gateway.js';

describe.each(storeKinds)('tasks on %s', (store) => {
  let emulators: Emulators;
  let gateway: TestGateway;
  beforeAll(async () => {
    // Jobs are held until a test releases them (fal's in its queue, so a cancel always stops them):
    // no test here races an emulated run time.
    emulators = await startEmulators({ fal: { hold: 'queued' }, kie: { hold: true } });
    gateway = await startTestGateway({ store, environment: emulators.environment });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulators?.close();
  });

  it('generate_and_wait answers with the running task when timeoutMs passes', async () => {
    const { status, body } = await gateway.call('POST', '/api/actions/ai.video.generate_and_wait', {
      body: { prompt: 'a slow sunrise', timeoutMs: 200 },
    });
    expect(status).toBe(200);
    expect(body.status).toBe('running');
    expect(body.taskId).toMatch(/^[0-9a-f-]{36}$/);
    await releaseJob(gateway, emulators.kie.core, body.taskId);
    expect((await waitForEnd(gateway, body.taskId)).status).toBe('success');
  });

  it('cancels on fal and refunds once fal confirms the job stopped', async () => {
    const created = await gateway.call('POST', '/v1/videos/generations', {
      body: {
        provider: 'fal',
        model: 'fal-ai/kling-video/v2.1/master/text-to-video',
        scene: 'text-to-video',
        prompt: 'never mind',
      },
    });
    const canceled = await gateway.call('POST', `/v1/tasks/${created.body.id}/cancel`);
    expect(canceled.status).toBe(200);
    const finished = await waitForEnd(gateway, created.body.id);
    expect(finished.status).toBe('canceled');
    expect(finished.credits).toBe(0);
    const ledger = await ledgerFacts(gateway.gateway.store, gateway.workspaceId);
    expect(ledger.perTask.get(created.body.id)).toEqual({ reserves: 1, refunds: 1 });
    const again = await gateway.call('POST', `/v1/tasks/${created.body.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('task_not_cancelable');
  });

  it('a status check that began before a cancel still settles the task as canceled', async () => {
    const created = await gateway.call('POST', '/v1/videos/generations', {
      body: {
        provider: 'fal',
        model: 'fal-ai/kling-video/v2.1/master/text-to-video',
        scene: 'text-to-video',
        prompt: 'stale check',
      },
    });
    const { db } = gateway.gateway.store;
    const staleRecord = (await findTask(db, created.body.id)) as TaskRecord;
    expect(staleRecord.cancelRequestedAt).toBeNull();
    // The cancel lands while that check is talking to fal, which then reports the request stopped.
    await markCancelRequested(db, created.body.id, { at: Date.now(), now: Date.now() });
    const settled = await settleFromStatus(gateway.gateway.engine.context, staleRecord, {
      state: 'failed',
      code: 'upstream_failed',
      message: 'Request was cancelled (fal 499)',
      retryable: false,
    });
    expect(settled.status).toBe('canceled');
    const ledger = await ledgerFacts(gateway.gateway.store, gateway.workspaceId);
    expect(ledger.perTask.get(created.body.id)).toEqual({ reserves: 1, refunds: 1 });
  });

  it('records when the upstream accepted the job, which the poll schedule counts from', async () => {
    const created = await gateway.call('POST', '/v1/videos/generations', {
      body: { provider: 'kie', model: 'bytedance/seedance-2-mini', scene: 'text-to-video', prompt: 'a kite' },
    });
    await releaseJob(gateway, emulators.kie.core, created.body.id);
    expect((await waitForEnd(gateway, created.body.id)).status).toBe('success');
    const task = (await findTask(gateway.gateway.store.db, created.body.id)) as TaskRecord;
    expect(task.submittedAt).not.toBeNull();
    expect(task.submittedAt).toBeGreaterThanOrEqual(task.createdAt);
    expect(task.submittedAt).toBeLessThanOrEqual(task.finishedAt as number);
  });

  it('says plainly that kie cannot cancel, and keeps the task', async () => {
    const created = await gateway.call('POST', '/api/actions/ai.video.generate', {
      body: { model: 'kie/bytedance/seedance-2-mini', prompt: 'keep going' },
    });
    const canceled = await gateway.call('POST', '/api/actions/ai.video.cancel', {
      body: { taskId: created.body.taskId },
    });
    expect(canceled.status).toBe(409);
    expect(canceled.body.error.message).toContain('cannot cancel');
    await releaseJob(gateway, emulators.kie.core, created.body.taskId);
    expect((await waitForEnd(gateway, created.body.taskId)).status).toBe('success');
  });

  it('pages through the task list newest first', async () => {
    const first = await gateway.call('GET', '/v1/tasks?limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.has_more).toBe(true);
    const second = await gateway.call('GET', `/v1/tasks?limit=2&cursor=${first.body.next_cursor}`);
    const ids = [...first.body.data, ...second.body.data].map((task: { id: string }) => task.id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = [...first.body.data, ...second.body.data].map(
      (task: { created_at: string }) => task.created_at,
    );
    expect([...times].sort().reverse()).toEqual(times);
    const failedOnly = await gateway.call('GET', '/v1/tasks?status=canceled');
    expect(failedOnly.body.data.every((task: { status: string }) => task.status === 'canceled')).toBe(true);
  });

  it('lists the catalog with the seed defaults once kie is configured', async () => {
    const { body } = await gateway.call('GET', '/v1/models?scene=text-to-video');
    const seedance = body.data.find((model: { id: string }) => model.id === 'kie/bytedance/seedance-2-mini');
    expect(seedance.default_for).toEqual(['text-to-video', 'ad-video']);
    expect(seedance.configured).toBe(true);
    const i2v = await gateway.call('GET', '/v1/models?scene=image-to-video&provider=kie');
    expect(
      i2v.body.data.find((model: { default_for: string[] }) => model.default_for.includes('image-to-video'))
        .id,
    ).toBe('kie/wan/2-7-image-to-video');
  });

  it('serves health, readiness, metrics, the OpenAPI document and the reference page', async () => {
    expect((await request(`${gateway.url}/healthz`, 'GET')).body).toEqual({ status: 'ok' });
    expect((await request<Json>(`${gateway.url}/readyz`, 'GET')).body.status).toBe('ready');
    const metrics = await request<string>(`${gateway.url}/metrics`, 'GET');
    expect(metrics.body).toContain('ads_tasks_created_total');
    const openApi = await request<Json>(`${gateway.url}/openapi.json`, 'GET');
    expect(openApi.body.paths).toHaveProperty('/v1/videos/generations');
    const page = await request<string>(`${gateway.url}/docs`, 'GET');
    expect(page.body).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/(src|href)="https?:/);
    expect((await fetch(`${gateway.url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });
});

describe.each(storeKinds)('a graceful shutdown on %s', (store) => {
  it('answers waiting requests with their task, and the next start finishes it', async () => {
    const emulators = await startEmulators({ kie: { hold: true } });
    const storeEnvironment = await freshStoreEnvironment(store);
    const gateway = await startTestGateway({ store, storeEnvironment, environment: emulators.environment });
    try {
      const waiting = gateway.call('POST', '/api/actions/ai.video.generate_and_wait', {
        body: { prompt: 'interrupted clip', timeoutMs: 600_000 },
      });
      // Closed once the job is upstream (held there), so the waiting request is mid-wait.
      await emulators.kie.core.until((core) => core.jobs.size === 1);
      const [answer] = await Promise.all([waiting, gateway.close()]);
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('running');
      expect(emulators.kie.core.release()).toBe(1);

      const { loadConfig } = await import('../src/config.js');
      const { startGateway } = await import('../src/gateway.js');
      const pino = (await import('pino')).default;
      const { testEnvironment } = await import('./support/test-gateway.js');
      const restarted = await startGateway(
        loadConfig(testEnvironment({ ...storeEnvironment, ...emulators.environment })),
        {
          logger: pino({ level: 'silent' }),
        },
      );
      try {
        const finished = await waitForEnd(
          {
            ...gateway,
            call: (method, path) => request(`${restarted.url}${path}`, method, { bearer: gateway.apiKey }),
          },
          answer.body.taskId,
        );
        expect(finished.status).toBe('success');
      } finally {
        await restarted.close();
      }
    } finally {
      await emulators.close();
    }
  });
});
