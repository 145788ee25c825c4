import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listLedger, Store } from '@ads/server';
import {
  type Emulators,
  type GatewayProcess,
  serverBin,
  spawnGateway,
  startEmulators,
  testAdminToken,
} from '@ads/testing';

export const gatewayBin = serverBin(import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary JSON, checked by the scenarios
export type Json = any;

export const openStatuses = ['pending', 'running'];

/** A text-to-video create on kie or fal (alternating by index); every fifth one's upstream job fails. */
export function generationBody(index: number): Record<string, unknown> {
  const kie = index % 2 === 0;
  return {
    provider: kie ? 'kie' : 'fal',
    model: kie ? 'bytedance/seedance-2-mini' : 'fal-ai/kling-video/v2.1/master/text-to-video',
    scene: 'text-to-video',
    prompt: index % 5 === 0 ? `clip ${index} [fail]` : `clip ${index}`,
  };
}

/** A store location both a gateway process and the scenario's own ledger check can open. */
export async function sqliteStore(): Promise<Record<string, string>> {
  return { ADS_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ads-reliability-')), DATABASE_URL: '' };
}

const started: { gateways: GatewayProcess[]; emulators: Emulators[] } = { gateways: [], emulators: [] };

/** Ends whatever the scenario started and left running (pass it to afterAll). */
export async function endScenario(): Promise<void> {
  for (const gateway of started.gateways.splice(0)) gateway.child.kill('SIGKILL');
  await Promise.all(started.emulators.splice(0).map((emulators) => emulators.close()));
}

/** The kie and fal emulators, ended by endScenario. */
export async function startScenarioEmulators(
  options: Parameters<typeof startEmulators>[0],
): Promise<Emulators> {
  const emulators = await startEmulators(options);
  started.emulators.push(emulators);
  return emulators;
}

/**
 * ads-server as its own process, with what every scenario shares (admin token, quick polling);
 * ended by endScenario unless the scenario stops it first.
 */
export async function startGateway(environment: Record<string, string>): Promise<GatewayProcess> {
  const gateway = await spawnGateway(gatewayBin, {
    PORT: '0',
    HOST: '127.0.0.1',
    ADS_ADMIN_TOKEN: testAdminToken,
    ADS_RUNNER_IDLE_MS: '50',
    ADS_POLL_SCALE: '0.02',
    ...environment,
  });
  started.gateways.push(gateway);
  return gateway;
}

export async function call(
  url: string,
  method: string,
  options: { apiKey?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; text: string }> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, text };
}

/** Creates `count` tasks through POST /v1/videos/generations, `batch` at a time; all must be accepted. */
export async function createTasks(
  url: string,
  apiKey: string,
  count: number,
  bodyFor: (index: number) => Record<string, unknown>,
  batch = 25,
): Promise<Json[]> {
  const created: Json[] = [];
  for (let start = 0; start < count; start += batch) {
    const answers = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, (_, offset) =>
        call(`${url}/v1/videos/generations`, 'POST', { apiKey, body: bodyFor(start + offset) }),
      ),
    );
    for (const answer of answers) {
      if (answer.status !== 200) throw new Error(`create answered ${answer.status}: ${answer.text}`);
      created.push(answer.body);
    }
  }
  return created;
}

/** Reads every task until none is open; returns them as they ended. */
export async function waitAllEnded(
  url: string,
  apiKey: string,
  ids: string[],
  timeoutMs: number,
): Promise<Json[]> {
  const ended = new Map<string, Json>();
  const deadline = Date.now() + timeoutMs;
  while (ended.size < ids.length) {
    const open = ids.filter((id) => !ended.has(id));
    if (Date.now() > deadline) throw new Error(`${open.length} of ${ids.length} tasks did not end in time`);
    for (let start = 0; start < open.length; start += 50) {
      const answers = await Promise.all(
        open.slice(start, start + 50).map((id) => call(`${url}/v1/tasks/${id}`, 'GET', { apiKey })),
      );
      for (const answer of answers) {
        if (answer.status !== 200) throw new Error(`GET task answered ${answer.status}: ${answer.text}`);
        if (!openStatuses.includes(answer.body.status)) ended.set(answer.body.id, answer.body);
      }
    }
    if (ended.size < ids.length) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return ids.map((id) => ended.get(id));
}

export interface LedgerCheck {
  /** Tasks whose ledger is not exactly one reserve and (for a refunded task) one refund. */
  wrongTasks: string[];
  sum: number;
  expectedSum: number;
  balance: number;
  refunds: number;
}

/**
 * The money check every scenario ends with, read from the store itself: each task reserved once and
 * refunded at most once (exactly when it did not succeed), and the workspace's balance equal to the
 * ledger's sum, which equals the starting credits less what the successful tasks cost.
 */
export async function checkLedger(
  location: { DATABASE_URL?: string; ADS_DATA_DIR?: string },
  workspaceId: string,
  startingCredits: number,
  tasks: Json[],
): Promise<LedgerCheck> {
  const databaseUrl = location.DATABASE_URL || undefined;
  const store = Store.open({
    engine: databaseUrl ? 'postgres' : 'sqlite',
    databaseUrl,
    dataDir: location.ADS_DATA_DIR ?? '',
  });
  try {
    const entries = await listLedger(store.db, workspaceId);
    const perTask = new Map<string, { reserves: number; refunds: number; reserved: number }>();
    let sum = 0;
    for (const entry of entries) {
      sum += Number(entry.amount);
      if (!entry.task_id) continue;
      const counts = perTask.get(entry.task_id) ?? { reserves: 0, refunds: 0, reserved: 0 };
      if (entry.kind === 'reserve') {
        counts.reserves += 1;
        counts.reserved -= Number(entry.amount);
      }
      if (entry.kind === 'refund') counts.refunds += 1;
      perTask.set(entry.task_id, counts);
    }
    const wrongTasks: string[] = [];
    let charged = 0;
    let refunds = 0;
    for (const task of tasks) {
      const counts = perTask.get(task.id);
      const refunded = task.status !== 'success' && task.error?.code !== 'upstream_unconfirmed';
      if (counts?.reserves !== 1 || counts.refunds !== (refunded ? 1 : 0)) wrongTasks.push(task.id);
      if (!refunded) charged += counts?.reserved ?? 0;
      refunds += counts?.refunds ?? 0;
    }
    const workspace = await store.db
      .selectFrom('workspaces')
      .select('balance')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return {
      wrongTasks,
      sum,
      expectedSum: startingCredits - charged,
      balance: Number(workspace.balance),
      refunds,
    };
  } finally {
    await store.close();
  }
}

/** The one line each scenario prints with its counts. */
export function summary(scenario: string, facts: Record<string, string | number>): void {
  const line = Object.entries(facts)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  process.stdout.write(`reliability: ${scenario}: ${line}\n`);
}
