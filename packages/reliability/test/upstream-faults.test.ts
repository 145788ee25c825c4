import { afterAll, expect, it } from 'vitest';
import {
  checkLedger,
  createTasks,
  endScenario,
  generationBody,
  sqliteStore,
  startGateway,
  startScenarioEmulators,
  summary,
  waitAllEnded,
} from './support/scenario.js';

const taskCount = 200;
const credits = 100_000;

afterAll(endScenario);

it('upstream faults: 20% 5xx, 5% reads past the timeout, 429 bursts: every task ends as its job did, no credit lost or refunded twice', async () => {
  // The gateway's upstream timeout is 2 s here; a slow read is held 3 s, past it.
  const faults = { statusErrorRate: 0.2, slowStatusRate: 0.05, slowMs: 3_000 };
  // Status reads beyond 40 a second (per emulator) are refused with 429, so bursts of polls are throttled.
  const statusLimit = { limit: 40, windowMs: 1000 };
  // Jobs are held until the faults and the throttling have been seen, then released together.
  const jobMs = 2_000;
  const emulators = await startScenarioEmulators({
    kie: { hold: true, jobMs, faults, statusLimit, submitLimit: { limit: 10_000, windowMs: 1000 } },
    fal: { hold: true, jobMs, faults, statusLimit },
  });
  const store = await sqliteStore();
  const gateway = await startGateway({
    ...store,
    ...emulators.environment,
    ADS_STARTER_CREDITS: String(credits),
    ADS_UPSTREAM_TIMEOUT_MS: '2000',
    ADS_POLL_SCALE: '0.01',
  });
  const apiKey = gateway.firstKey as string;
  const created = await createTasks(gateway.url, apiKey, taskCount, generationBody);
  const cores = [emulators.kie.core, emulators.fal.core];
  // kie's reads stay under the limit (the gateway keeps to kie's 10 a second); fal's burst past it.
  await Promise.all([
    emulators.kie.core.until((core) => core.stats.faultsInjected > 10, 120_000),
    emulators.fal.core.until((core) => core.stats.faultsInjected > 10 && core.stats.rateLimited > 0, 120_000),
  ]);
  expect(cores.reduce((sum, core) => sum + core.release(), 0)).toBe(taskCount);
  const finished = await waitAllEnded(
    gateway.url,
    apiKey,
    created.map((task) => task.id),
    240_000,
  );
  await gateway.kill('SIGTERM');

  const expectedFailure = (index: number) => index % 5 === 0;
  const wrongOutcome = finished.filter(
    (task, index) => task.status !== (expectedFailure(index) ? 'failed' : 'success'),
  );
  const ledger = await checkLedger(store, created[0].workspace_id, credits, finished);
  const total = (key: 'statusReads' | 'faultsInjected' | 'rateLimited') =>
    cores.reduce((sum, core) => sum + core.stats[key], 0);
  summary('upstream faults', {
    tasks: taskCount,
    status_reads: total('statusReads'),
    faults_injected: total('faultsInjected'),
    throttled_429: total('rateLimited'),
    wrong_outcomes: wrongOutcome.length,
    refunds: ledger.refunds,
    wrong_ledgers: ledger.wrongTasks.length,
    ledger_sum: ledger.sum,
    expected: ledger.expectedSum,
  });
  expect(total('faultsInjected')).toBeGreaterThan(20);
  expect(total('rateLimited')).toBeGreaterThan(0);
  expect(wrongOutcome.map((task) => `${task.id} ${task.status} ${task.error?.code ?? ''}`)).toEqual([]);
  expect(ledger.wrongTasks).toEqual([]);
  expect(ledger.sum).toBe(ledger.expectedSum);
  expect(ledger.balance).toBe(ledger.sum);
});
