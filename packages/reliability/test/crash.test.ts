import { afterAll, expect, it } from 'vitest';
import {
  checkLedger,
  createTasks,
  endScenario,
  generationBody,
  openStatuses,
  sqliteStore,
  startGateway,
  startScenarioEmulators,
  summary,
  waitAllEnded,
} from './support/scenario.js';

const taskCount = 200;
const credits = 100_000;

afterAll(endScenario);

it('crash: SIGKILL with 200 tasks in flight, restart: every task ends, the ledger is exact, nothing settles twice', async () => {
  // Jobs are held upstream until the restarted gateway is up: all 200 are in flight at the kill,
  // however slowly a loaded machine creates them.
  const emulators = await startScenarioEmulators({
    kie: { hold: true, jobMs: 3_000, submitLimit: { limit: 10_000, windowMs: 1000 } },
    fal: { hold: true, jobMs: 3_000 },
  });
  const store = await sqliteStore();
  const environment = {
    ...store,
    ...emulators.environment,
    ADS_STARTER_CREDITS: String(credits),
    ADS_LEASE_MS: '2000',
  };
  const first = await startGateway(environment);
  const apiKey = first.firstKey as string;
  const created = await createTasks(first.url, apiKey, taskCount, generationBody);
  const inFlight = created.filter((task) => openStatuses.includes(task.status)).length;
  expect(await first.kill('SIGKILL')).toBeNull();

  const second = await startGateway(environment);
  const released = emulators.kie.core.release() + emulators.fal.core.release();
  const finished = await waitAllEnded(
    second.url,
    apiKey,
    created.map((task) => task.id),
    120_000,
  );
  await second.kill('SIGTERM');

  const byStatus = (status: string) => finished.filter((task) => task.status === status).length;
  const ledger = await checkLedger(store, created[0].workspace_id, credits, finished);
  summary('crash', {
    tasks: taskCount,
    in_flight_at_kill: inFlight,
    success: byStatus('success'),
    failed: byStatus('failed'),
    other: taskCount - byStatus('success') - byStatus('failed'),
    refunds: ledger.refunds,
    wrong_ledgers: ledger.wrongTasks.length,
    ledger_sum: ledger.sum,
    expected: ledger.expectedSum,
  });
  expect(inFlight).toBe(taskCount);
  expect(released).toBe(taskCount);
  expect(byStatus('success')).toBe(taskCount - taskCount / 5);
  expect(byStatus('failed')).toBe(taskCount / 5);
  expect(ledger.wrongTasks).toEqual([]);
  expect(ledger.sum).toBe(ledger.expectedSum);
  expect(ledger.balance).toBe(ledger.sum);
});
