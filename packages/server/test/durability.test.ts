import { type Emulators, type GatewayProcess, spawnGateway, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import { storeEngineFor } from '../src/store/store-engine.js';
import { ledgerFacts } from './support/ledger.js';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import { gatewayBin, type Json, request, testEnvironment } from './support/test-gateway.js';

const taskCount = 60;

async function waitAllEnded(url: string, apiKey: string, ids: string[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answers = await Promise.all(
      ids.map((id) => request<Json>(`${url}/v1/tasks/${id}`, 'GET', { bearer: apiKey })),
    );
    const open = answers.filter((answer) => ['pending', 'running'].includes(answer.body.status));
    if (open.length === 0) return answers.map((answer) => answer.body);
    if (Date.now() > deadline) throw new Error(`${open.length} tasks still open`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(storeKinds)('a hard stop (SIGKILL) with tasks in flight on %s', (store) => {
  let emulators: Emulators;
  let environment: Record<string, string>;
  let first: GatewayProcess | undefined;
  let second: GatewayProcess | undefined;

  beforeAll(async () => {
    // Jobs are held until the test releases them: every task is still in flight at the kill,
    // however long the creates take on a loaded machine.
    emulators = await startEmulators({ kie: { hold: true, submitLimit: { limit: 500, windowMs: 1000 } } });
    environment = testEnvironment({
      ...(await freshStoreEnvironment(store)),
      ...emulators.environment,
      ADS_LEASE_MS: '1500',
    });
  });
  afterAll(async () => {
    first?.child.kill('SIGKILL');
    second?.child.kill('SIGKILL');
    await emulators?.close();
  });

  // Sixty tasks, each submitted, polled and its video copied, on both sides of a restart: sized for a
  // busy 2-core machine (the waits inside allow 90 s).
  it('resumes every task after a restart, and the ledger balances', { timeout: 180_000 }, async () => {
    first = await spawnGateway(gatewayBin, environment);
    const apiKey = first.firstKey as string;
    expect(apiKey).toMatch(/^sk-/);
    const created = await Promise.all(
      Array.from({ length: taskCount }, (_, index) =>
        request<Json>(`${first?.url}/v1/videos/generations`, 'POST', {
          bearer: apiKey,
          body: {
            provider: 'kie',
            model: 'bytedance/seedance-2-mini',
            scene: 'text-to-video',
            prompt: index % 4 === 0 ? `clip ${index} [fail]` : `clip ${index}`,
          },
        }),
      ),
    );
    expect(created.every((answer) => answer.status === 200)).toBe(true);
    expect(created.every((answer) => ['pending', 'running'].includes(answer.body.status))).toBe(true);
    expect(await first.kill('SIGKILL')).toBeNull();

    second = await spawnGateway(gatewayBin, environment);
    expect(second.firstKey).toBeUndefined();
    // Creates over the account's submit rate wait, pending, for their turn: the restarted instance
    // submits those, and every job is released once kie holds it.
    await emulators.kie.core.until((core) => core.jobs.size === taskCount, 60_000);
    expect(emulators.kie.core.release()).toBe(taskCount);
    const ids = created.map((answer) => answer.body.id as string);
    const finished = await waitAllEnded(second.url, apiKey, ids);
    const succeeded = finished.filter((task) => task.status === 'success');
    expect(succeeded).toHaveLength(taskCount - taskCount / 4);
    expect(finished.filter((task) => task.status === 'failed')).toHaveLength(taskCount / 4);
    await second.kill('SIGTERM');

    const storeHandle = Store.open({
      engine: storeEngineFor(environment.DATABASE_URL),
      databaseUrl: environment.DATABASE_URL,
      dataDir: environment.ADS_DATA_DIR as string,
    });
    try {
      const account = finished[0].workspace_id as string;
      const ledger = await ledgerFacts(storeHandle, account);
      expect(ledger.sum).toBe(1000 - 6 * succeeded.length);
      expect(ledger.balance).toBe(ledger.sum);
      for (const task of finished) {
        expect(ledger.perTask.get(task.id)).toEqual({
          reserves: 1,
          refunds: task.status === 'failed' ? 1 : 0,
        });
      }
    } finally {
      await storeHandle.close();
    }
  });
});
