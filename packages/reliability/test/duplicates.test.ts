import { freePort } from '@ads/testing';
import { afterAll, expect, inject, it } from 'vitest';
import {
  checkLedger,
  createTasks,
  endScenario,
  generationBody,
  startGateway,
  startScenarioEmulators,
  summary,
  waitAllEnded,
} from './support/scenario.js';

const taskCount = 1_000;
const credits = 1_000_000;
const postgresUrl = inject('postgresUrl');

afterAll(endScenario);

it.skipIf(!postgresUrl)(
  'duplicates: 1,000 tasks, every webhook three times, overlapping polls, two instances on one PostgreSQL: each settles once',
  async () => {
    // Jobs are held until both instances poll them, then released together: the webhooks (three
    // of each) and the polls race to settle every task.
    const jobMs = 500;
    const emulators = await startScenarioEmulators({
      kie: {
        hold: true,
        jobMs,
        webhookDeliveries: 3,
        webhookHmacKey: 'kie-hmac',
        submitLimit: { limit: 10_000, windowMs: 1000 },
        // Every kie task settles from a read (kie's callbacks only say "look now"): an account allowed
        // 200 reads a second keeps this about duplicates, not about kie's default 10.
        statusLimit: { limit: 200, windowMs: 1000 },
      },
      fal: { hold: true, jobMs, webhookDeliveries: 3 },
    });
    const [portA, portB] = [await freePort(), await freePort()];
    const shared = {
      ...emulators.environment,
      DATABASE_URL: postgresUrl as string,
      KIE_WEBHOOK_HMAC_KEY: 'kie-hmac',
      ADS_STARTER_CREDITS: String(credits),
      // Polls as often as the jobs are short, so they race the webhooks.
      ADS_POLL_SCALE: '0.005',
    };
    // Each instance tells the upstreams to call the other one: a webhook lands where the task was not created.
    const first = await startGateway({
      ...shared,
      PORT: String(portA),
      ADS_PUBLIC_URL: `http://127.0.0.1:${portB}`,
    });
    const second = await startGateway({
      ...shared,
      PORT: String(portB),
      ADS_PUBLIC_URL: `http://127.0.0.1:${portA}`,
    });
    const apiKey = first.firstKey as string;
    const created = [
      ...(await createTasks(first.url, apiKey, taskCount / 2, (index) => generationBody(index * 2))),
      ...(await createTasks(second.url, apiKey, taskCount / 2, (index) => generationBody(index * 2 + 1))),
    ];
    const cores = [emulators.kie.core, emulators.fal.core];
    await Promise.all(cores.map((core) => core.until((each) => each.stats.statusReads >= 50, 120_000)));
    // Released in waves, as real jobs end spread out: a thousand webhooks in one instant would test
    // the listen backlog of a loaded machine, not the settling.
    const released = await Promise.all(cores.map((core) => core.releaseInWaves(100, 120_000)));
    expect(released.reduce((sum, count) => sum + count, 0)).toBe(taskCount);
    const finished = await waitAllEnded(
      first.url,
      apiKey,
      created.map((task) => task.id),
      240_000,
    );
    // A task ends at its first webhook; the second and third are still on their way. Let them land.
    const total = (key: 'webhooksSent' | 'webhookFailures' | 'statusReads' | 'overlappingStatusReads') =>
      cores.reduce((sum, core) => sum + core.stats[key], 0);
    await Promise.all(
      cores.map((core) =>
        core.until(
          (each) => each.stats.webhooksSent + each.stats.webhookFailures === (taskCount / 2) * 3,
          60_000,
        ),
      ),
    );
    await Promise.all([first, second].map((gateway) => gateway.kill('SIGTERM')));

    const ledger = await checkLedger(
      { DATABASE_URL: postgresUrl as string },
      created[0].workspace_id,
      credits,
      finished,
    );
    const failed = finished.filter((task) => task.status === 'failed').length;
    const succeeded = finished.filter((task) => task.status === 'success').length;
    // Every delivered video was copied into storage once, by one of the two instances.
    const videoCopies = cores.reduce((sum, core) => sum + core.files.stats.reads, 0);
    summary('duplicates', {
      tasks: taskCount,
      instances: 2,
      webhooks_delivered: total('webhooksSent'),
      status_reads: total('statusReads'),
      overlapping_reads: total('overlappingStatusReads'),
      success: succeeded,
      video_copies: videoCopies,
      failed,
      refunds: ledger.refunds,
      wrong_ledgers: ledger.wrongTasks.length,
      ledger_sum: ledger.sum,
      expected: ledger.expectedSum,
    });
    expect(total('webhooksSent')).toBe(taskCount * 3);
    expect(total('webhookFailures')).toBe(0);
    expect(total('statusReads')).toBeGreaterThan(0);
    expect(failed).toBe(taskCount / 5);
    expect(videoCopies).toBe(succeeded);
    expect(ledger.refunds).toBe(taskCount / 5);
    expect(ledger.wrongTasks).toEqual([]);
    expect(ledger.sum).toBe(ledger.expectedSum);
    expect(ledger.balance).toBe(ledger.sum);
  },
);
