import { type Emulators, freePort, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFacts } from './support/ledger.js';
import { storeKinds } from './support/stores.js';
import { startTestGateway, type TestGateway, waitForEnd } from './support/test-gateway.js';

const kieModel = { provider: 'kie', model: 'bytedance/seedance-2-mini', scene: 'text-to-video' };

describe.each(storeKinds)('money on %s', (store) => {
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

  async function workspaceWithKey(credits: number) {
    const workspace = await gateway.admin('POST', '/v1/admin/workspaces', { name: `w${credits}`, credits });
    const key = await gateway.admin('POST', '/v1/admin/keys', { workspace_id: workspace.body.id });
    return { workspaceId: workspace.body.id as string, apiKey: key.body.api_key as string };
  }

  it('answers 402 with the balance and the price when short, and sends nothing upstream', async () => {
    const { workspaceId, apiKey } = await workspaceWithKey(5);
    const submits = emulators.kie.core.stats.submits;
    const { status, body } = await gateway.call('POST', '/v1/videos/generations', {
      apiKey,
      body: { ...kieModel, prompt: 'a lighthouse at dusk' },
    });
    expect(status).toBe(402);
    expect(body.error).toMatchObject({ code: 'insufficient_credits', details: { balance: 5, price: 6 } });
    expect(body.error.message).toContain('costs 6 credits');
    expect(emulators.kie.core.stats.submits).toBe(submits);
    const ledger = await ledgerFacts(gateway.gateway.store, workspaceId);
    expect(ledger.balance).toBe(5);
    expect(ledger.entries).toHaveLength(1);
    const tasks = await gateway.call('GET', '/v1/tasks', { apiKey });
    expect(tasks.body.data).toEqual([]);
  });

  it('charges a success once and refunds nothing', async () => {
    const { workspaceId, apiKey } = await workspaceWithKey(20);
    const created = await gateway.call('POST', '/v1/videos/generations', {
      apiKey,
      body: { ...kieModel, prompt: 'a lighthouse at dusk' },
    });
    const task = await waitForEnd(
      { ...gateway, call: (m, p, o) => gateway.call(m, p, { ...o, apiKey }) },
      created.body.id,
    );
    expect(task).toMatchObject({ status: 'success', credits: 6 });
    const ledger = await ledgerFacts(gateway.gateway.store, workspaceId);
    expect(ledger.balance).toBe(14);
    expect(ledger.sum).toBe(14);
    expect(ledger.perTask.get(created.body.id)).toEqual({ reserves: 1, refunds: 0 });
  });

  it('refunds when the upstream says the job failed', async () => {
    const { workspaceId, apiKey } = await workspaceWithKey(20);
    const created = await gateway.call('POST', '/v1/videos/generations', {
      apiKey,
      body: { ...kieModel, prompt: 'something [fail]' },
    });
    const task = await waitForEnd(
      { ...gateway, call: (m, p, o) => gateway.call(m, p, { ...o, apiKey }) },
      created.body.id,
    );
    expect(task.status).toBe('failed');
    expect(task.credits).toBe(0);
    expect(task.error.message).toContain('content polic');
    const ledger = await ledgerFacts(gateway.gateway.store, workspaceId);
    expect(ledger.balance).toBe(20);
    expect(ledger.sum).toBe(20);
    expect(ledger.perTask.get(created.body.id)).toEqual({ reserves: 1, refunds: 1 });
  });

  it('creates one task and charges once for 50 concurrent retries with one Idempotency-Key', async () => {
    const { workspaceId, apiKey } = await workspaceWithKey(100);
    const submits = emulators.kie.core.stats.submits;
    const body = { ...kieModel, prompt: 'retry storm' };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        gateway.call('POST', '/v1/videos/generations', {
          apiKey,
          body,
          headers: { 'idempotency-key': 'storm-1' },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(emulators.kie.core.stats.submits - submits).toBe(1);
    const ledger = await ledgerFacts(gateway.gateway.store, workspaceId);
    expect(ledger.balance).toBe(94);
    expect([...ledger.perTask.values()]).toEqual([{ reserves: 1, refunds: 0 }]);

    const conflict = await gateway.call('POST', '/v1/videos/generations', {
      apiKey,
      body: { ...body, prompt: 'another video' },
      headers: { 'idempotency-key': 'storm-1' },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('idempotency_conflict');
    // The same request through the other surface, spelled differently, is the same request.
    const actions = await gateway.call('POST', '/api/actions/ai.video.generate', {
      apiKey,
      body: { model: 'kie/bytedance/seedance-2-mini', prompt: 'retry storm' },
      headers: { 'idempotency-key': 'storm-1' },
    });
    expect(actions.body.taskId).toBe(answers[0]?.body.id);
  });
});

describe.each(storeKinds)('500 tasks with duplicated webhooks and overlapping polls on %s', (store) => {
  let emulators: Emulators;
  let gateway: TestGateway;
  beforeAll(async () => {
    const port = await freePort();
    // Jobs are held until polls have begun, then released together: webhooks and polls race.
    const jobMs = 300;
    emulators = await startEmulators({
      // kie's own submit limit (20 per 10 s) would make this test take minutes.
      kie: {
        hold: true,
        jobMs,
        webhookDeliveries: 3,
        webhookHmacKey: 'kie-hmac',
        submitLimit: { limit: 200, windowMs: 1000 },
        // An account allowed 100 reads a second: every kie task settles from a read (kie's callbacks
        // only say "look now"), and kie's default 10/s would make this test take a minute.
        statusLimit: { limit: 100, windowMs: 1000 },
      },
      fal: { hold: true, jobMs, webhookDeliveries: 3 },
    });
    gateway = await startTestGateway({
      store,
      environment: {
        ...emulators.environment,
        KIE_WEBHOOK_HMAC_KEY: 'kie-hmac',
        PORT: String(port),
        ADS_PUBLIC_URL: `http://127.0.0.1:${port}`,
        ADS_STARTER_CREDITS: '10000',
        // Webhooks and the safety-net polls race: the poll schedule is as short as the jobs.
        ADS_POLL_SCALE: '0.01',
      },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulators?.close();
  });

  // 500 tasks created, polled and settled over real HTTP, with the emulators in this same process:
  // about 15 s on an idle machine, several times that on a loaded 2-core one.
  it('settles every task exactly once and the ledger adds up', { timeout: 180_000 }, async () => {
    const created: { id: string; credits: number }[] = [];
    for (let batch = 0; batch < 20; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, index) => {
          const number = batch * 25 + index;
          const provider = number % 2 === 0 ? 'kie' : 'fal';
          return gateway.call('POST', '/api/actions/ai.video.generate', {
            body: {
              provider,
              scene: 'text-to-video',
              prompt: number % 5 === 0 ? `clip ${number} [fail]` : `clip ${number}`,
            },
          });
        }),
      );
      for (const answer of answers) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        created.push({ id: answer.body.taskId, credits: answer.body.credits });
      }
    }
    const { kie, fal } = { kie: emulators.kie.core, fal: emulators.fal.core };
    await Promise.all([kie, fal].map((core) => core.until((each) => each.stats.statusReads >= 25, 60_000)));
    // Released fifty at a time: the gateway shares this process with the emulators and the test.
    expect((await kie.releaseInWaves(50)) + (await fal.releaseInWaves(50))).toBe(500);
    const finished = await Promise.all(created.map((task) => waitForEnd(gateway, task.id, 60_000)));
    const byStatus = (status: string) => finished.filter((task) => task.status === status);
    expect(byStatus('success')).toHaveLength(400);
    expect(byStatus('failed')).toHaveLength(100);

    const ledger = await ledgerFacts(gateway.gateway.store, gateway.workspaceId);
    const charged = created
      .filter((task) => finished.find((done) => done.id === task.id)?.status === 'success')
      .reduce((total, task) => total + task.credits, 0);
    expect(ledger.sum).toBe(10_000 - charged);
    expect(ledger.balance).toBe(ledger.sum);
    for (const task of finished) {
      expect(ledger.perTask.get(task.id)).toEqual({ reserves: 1, refunds: task.status === 'failed' ? 1 : 0 });
    }
    // Every webhook was delivered three times, and each delivery was answered 2xx.
    const delivered = (core: typeof kie) => core.stats.webhooksSent + core.stats.webhookFailures;
    await Promise.all([kie, fal].map((core) => core.until(() => delivered(core) === 750, 60_000)));
    expect(kie.stats.webhookFailures + fal.stats.webhookFailures).toBe(0);
  });
});
