import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VideoProvider } from '@ads/provider';
import { type Gateway, loadConfig, registerProviders, startGateway } from '@ads/server';
import { median } from '../load/stats.js';
import { kieProgressModel } from '../processes/api.js';

export interface RunnerDue {
  runner_due_ratio_100k_vs_1k: number;
  runner_due_1k_ms: number;
  runner_due_100k_ms: number;
}

const batch = 32;
const rounds = 25;

/**
 * The runner's cost of one turn with few or many tasks in flight: the time to claim a batch of 32
 * due tasks and check each (a provider that answers "still running" at once, so only the gateway's
 * own work is timed), with 1,000 and then 100,000 tasks in flight in the same SQLite store.
 */
export async function measureRunnerDue(): Promise<RunnerDue> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ads-bench-runner-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ADS_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    KIE_API_KEY: 'bench-kie-key',
    KIE_BASE_URL: 'http://127.0.0.1:9',
    ADS_RUNNER_CONCURRENCY: String(batch),
    ADS_STARTER_CREDITS: '1000000',
  });
  const gateway = await startGateway(config, {
    startRunner: false,
    onFirstKey: () => {},
    providers: (environment) =>
      registerProviders({ config, ...environment }).map((registration) =>
        registration.provider.id === 'kie'
          ? { ...registration, provider: alwaysRunning(registration.provider) }
          : registration,
      ),
  });
  try {
    const template = await templateTask(gateway);
    await addTasks(gateway, template, 1_000);
    const few = await timeRounds(gateway);
    await addTasks(gateway, template, 99_000);
    const many = await timeRounds(gateway);
    return { runner_due_ratio_100k_vs_1k: many / few, runner_due_1k_ms: few, runner_due_100k_ms: many };
  } finally {
    await gateway.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The kie adapter, except that every job is accepted and stays running. */
function alwaysRunning(kie: VideoProvider): VideoProvider {
  return Object.assign(Object.create(kie) as VideoProvider, {
    rateLimits: undefined,
    start: async () => ({ upstreamId: randomUUID(), operation: { taskId: randomUUID(), api: 'jobs' } }),
    status: async () => ({ state: 'pending' as const, progress: 50 }),
  });
}

type TaskRow = Record<string, unknown> & { id: string };

async function templateTask(gateway: Gateway): Promise<TaskRow> {
  const { db } = gateway.store;
  const workspace = await db.selectFrom('workspaces').selectAll().executeTakeFirstOrThrow();
  // Only the workspace of a caller matters to create; the rest names the key in logs.
  const caller = {
    keyId: 'bench',
    keyName: null,
    keyPrefix: 'bench',
    keyCreatedAt: 0,
    limits: {},
    workspace,
  };
  const created = await gateway.engine.create(
    caller,
    {
      scene: 'text-to-video',
      provider: 'kie',
      model: kieProgressModel,
      prompt: 'a lighthouse at dusk',
      imageInput: [],
      videoInput: [],
      options: {},
    },
    {
      fieldNames: {
        prompt: 'prompt',
        imageInput: 'image_input',
        videoInput: 'video_input',
        options: 'options',
      },
    },
  );
  return (await db
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', created.id)
    .executeTakeFirstOrThrow()) as TaskRow;
}

/** Copies of a running task, all due in an hour, written in large transactions. */
async function addTasks(gateway: Gateway, template: TaskRow, count: number): Promise<void> {
  const later = Date.now() + 3_600_000;
  for (let start = 0; start < count; start += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - start) }, () => ({
      ...template,
      id: randomUUID(),
      upstream_id: randomUUID(),
      idempotency_key: null,
      next_check_at: later,
      lease_owner: null,
      lease_until: null,
    }));
    await gateway.store.transaction(async (executor) => {
      for (let offset = 0; offset < rows.length; offset += 500) {
        await executor
          .insertInto('tasks')
          .values(rows.slice(offset, offset + 500) as never)
          .execute();
      }
    });
  }
}

/** Median time of one turn: make 32 random tasks due, then claim and check them. */
async function timeRounds(gateway: Gateway): Promise<number> {
  const { db } = gateway.store;
  const ids = (await db.selectFrom('tasks').select('id').execute()).map((row) => row.id);
  const times: number[] = [];
  for (let round = 0; round < rounds + 3; round += 1) {
    const due = Array.from({ length: batch }, () => ids[Math.floor(Math.random() * ids.length)] ?? '');
    await db
      .updateTable('tasks')
      .set({ next_check_at: Date.now() - 1 })
      .where('id', 'in', due)
      .execute();
    const started = process.hrtime.bigint();
    const checked = await gateway.runner.checkDueOnce();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (checked === 0) throw new Error('the runner found no due task');
    if (round >= 3) times.push(elapsed);
  }
  return median(times);
}
