import { type Emulators, type GatewayProcess, spawnGateway, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import { ledgerFacts } from './support/ledger.js';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import { gatewayBin, type Json, request, testEnvironment } from './support/test-gateway.js';

const taskCount = 200;

describe.skipIf(!storeKinds.includes('postgres'))('two server processes on one PostgreSQL', () => {
  let emulators: Emulators;
  let environment: Record<string, string>;
  const instances: GatewayProcess[] = [];

  beforeAll(async () => {
    // Every status read takes 30 ms, so two instances reading one job at once would overlap visibly.
    // Jobs are held until both instances have polled them for a while, then released together.
    emulators = await startEmulators({ fal: { hold: true, jobMs: 1000, latencyMs: 30 } });
    environment = testEnvironment({
      ...(await freshStoreEnvironment('postgres')),
      ...emulators.environment,
      ADS_STARTER_CREDITS: '5000',
      ADS_POLL_SCALE: '0.005',
    });
  });
  afterAll(async () => {
    for (const instance of instances) instance.child.kill('SIGKILL');
    await emulators?.close();
  });

  it('never polls a task from both at once and settles each once', async () => {
    instances.push(await spawnGateway(gatewayBin, environment));
    instances.push(await spawnGateway(gatewayBin, environment));
    const [first, second] = instances as [GatewayProcess, GatewayProcess];
    const apiKey = first.firstKey as string;
    const created = await Promise.all(
      Array.from({ length: taskCount }, (_, index) =>
        request<Json>(`${(index % 2 === 0 ? first : second).url}/api/actions/ai.video.generate`, 'POST', {
          bearer: apiKey,
          body: { provider: 'fal', prompt: index % 10 === 0 ? `clip ${index} [fail]` : `clip ${index}` },
        }),
      ),
    );
    expect(created.every((answer) => answer.status === 200)).toBe(true);
    const ids = created.map((answer) => answer.body.taskId as string);

    // generate_and_wait on one instance while both poll: whichever settles the task, the waiter wakes.
    const waiting = request<Json>(`${second.url}/api/actions/ai.video.generate_and_wait`, 'POST', {
      bearer: apiKey,
      body: { provider: 'fal', prompt: 'waited clip', timeoutMs: 120_000 },
    });
    // Both instances poll the held jobs (two reads a task on average) before any of them ends.
    await emulators.fal.core.until(
      (core) => core.jobs.size === taskCount + 1 && core.stats.statusReads >= 2 * taskCount,
      120_000,
    );
    expect(emulators.fal.core.release()).toBe(taskCount + 1);
    expect((await waiting).body.status).toBe('success');

    const deadline = Date.now() + 90_000;
    let finished: Json[] = [];
    for (;;) {
      finished = await Promise.all(
        ids.map(
          async (id) => (await request<Json>(`${first.url}/v1/tasks/${id}`, 'GET', { bearer: apiKey })).body,
        ),
      );
      if (finished.every((task) => !['pending', 'running'].includes(task.status))) break;
      if (Date.now() > deadline) throw new Error('tasks still open');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(finished.filter((task) => task.status === 'failed')).toHaveLength(taskCount / 10);
    expect(emulators.fal.core.stats.overlappingStatusReads).toBe(0);

    const store = Store.open({ engine: 'postgres', databaseUrl: environment.DATABASE_URL, dataDir: '.' });
    try {
      const ledger = await ledgerFacts(store, finished[0].workspace_id);
      const charged = finished.filter((task) => task.status === 'success').length * 6 + 6;
      expect(ledger.sum).toBe(5000 - charged);
      expect(ledger.balance).toBe(ledger.sum);
      for (const task of finished) {
        expect(ledger.perTask.get(task.id)).toEqual({
          reserves: 1,
          refunds: task.status === 'failed' ? 1 : 0,
        });
      }
    } finally {
      await store.close();
    }
  });
});
