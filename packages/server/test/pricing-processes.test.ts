import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { type Emulators, freePort, type GatewayProcess, spawnGateway, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import { ledgerFacts } from './support/ledger.js';
import { priceFileText, writePriceFile } from './support/price-files.js';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import { gatewayBin, type Json, request, testAdminToken, testEnvironment } from './support/test-gateway.js';

const run = promisify(execFile);

/** What ads-server writes and exits with when started (or asked to check) with this price file. */
async function refusedStart(text: string, args: string[] = ['start']) {
  const file = writePriceFile(text);
  const environment = testEnvironment({ ...(await freshStoreEnvironment('sqlite')), ADS_PRICES_FILE: file });
  const child = spawn(process.execPath, [gatewayBin, ...args.map((arg) => (arg === 'FILE' ? file : arg))], {
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr, file };
}

describe('a price file with a problem', () => {
  it('stops the start and names the line and the problem', async () => {
    const unknownValue = await refusedStart(`rules:
  - model: kie/bytedance/seedance-2-mini
    per: second
    credits: 2
    multiply:
      resolution: { 8k: 3 }
`);
    expect(unknownValue.code).toBe(1);
    expect(unknownValue.stderr).toContain(`${unknownValue.file}:6:`);
    expect(unknownValue.stderr).toContain('rules[0].multiply.resolution.8k');
    expect(unknownValue.stderr).toContain('resolution "8k" is not accepted by kie/bytedance/seedance-2-mini');
    expect(unknownValue.stderr).toContain('accepted: 480p, 720p');

    const syntax = await refusedStart('rules:\n  - model: kie/x\n    per: [second\n');
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(new RegExp(`${syntax.file}:\\d+:\\d+: `));

    const shape = await refusedStart('{"rules": [{"model": "kie/kling-*", "per": "minute", "credits": 1}]}');
    expect(shape.code).toBe(1);
    expect(shape.stderr).toContain(`${shape.file}:1:`);
    expect(shape.stderr).toContain('rules[0].per: must be "video" or "second"');

    const unknownModel = await refusedStart(
      'rules:\n  - model: kie/no-such-model\n    per: video\n    credits: 1\n',
    );
    expect(unknownModel.stderr).toContain(`${unknownModel.file}:2:`);
    expect(unknownModel.stderr).toContain('"kie/no-such-model" is not a model of the catalog');
  });

  it('is checked by ads-server prices check, with the same messages', async () => {
    const bad = await refusedStart('rules:\n  - model: fal/nothing-*\n    per: video\n    credits: 1\n', [
      'prices',
      'check',
      'FILE',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"fal/nothing-*" matches no model of the catalog');
    const good = writePriceFile(priceFileText);
    const { stdout } = await run(process.execPath, [gatewayBin, 'prices', 'check', good, '--json']);
    const checked = JSON.parse(stdout);
    expect(checked.valid).toBe(true);
    expect(checked.rules.map((rule: Json) => rule.matches.length)).toEqual([1, 3, 1]);
    expect(checked.rules[1].formula).toContain('3 credits per second');
  });
});

describe('price rules read again on SIGHUP', () => {
  let instance: GatewayProcess | undefined;
  afterAll(() => instance?.child.kill('SIGKILL'));

  it('prices with the new file, and keeps the old rules when the new file has a problem', async () => {
    const file = writePriceFile('rules:\n  - model: sandbox/*\n    per: video\n    credits: 6\n');
    instance = await spawnGateway(
      gatewayBin,
      testEnvironment({ ...(await freshStoreEnvironment('sqlite')), ADS_PRICES_FILE: file }),
    );
    const gateway = instance;
    const quote = async () => {
      const answer = await request<Json>(`${gateway.url}/v1/videos/quote`, 'POST', {
        bearer: gateway.firstKey as string,
        body: { model: 'sandbox/sandbox-video', scene: 'text-to-video', prompt: 'a red ball' },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body.credits;
    };
    const reloaded = (count: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(gateway.output().stderr)), 20_000);
        const check = () => {
          if ((gateway.output().stderr.match(/SIGHUP/g) ?? []).length < count) return;
          clearTimeout(timer);
          gateway.child.stderr?.off('data', check);
          resolve();
        };
        gateway.child.stderr?.on('data', check);
        check();
      });
    expect(await quote()).toBe(6);
    writeFileSync(file, 'rules:\n  - model: sandbox/*\n    per: video\n    credits: 9\n');
    gateway.child.kill('SIGHUP');
    await reloaded(1);
    expect(await quote()).toBe(9);
    writeFileSync(file, 'rules:\n  - model: sandbox/*\n    per: fortnight\n');
    gateway.child.kill('SIGHUP');
    await reloaded(2);
    expect(gateway.output().stderr).toContain('the price rules in force stay');
    expect(await quote()).toBe(9);
    const prices = await request<Json>(`${gateway.url}/v1/admin/prices`, 'GET', { bearer: testAdminToken });
    expect(prices.body).toMatchObject({ file, rules: [{ model: 'sandbox/*', credits: 9 }] });
  });
});

describe.skipIf(!storeKinds.includes('postgres'))('prices and limits across two server processes', () => {
  let emulators: Emulators;
  let store: Store;
  const instances: GatewayProcess[] = [];

  beforeAll(async () => {
    emulators = await startEmulators({ fal: { hold: true, webhookDeliveries: 3 } });
    const storeEnvironment = await freshStoreEnvironment('postgres');
    store = Store.open({
      engine: 'postgres',
      databaseUrl: storeEnvironment.DATABASE_URL as string,
      dataDir: storeEnvironment.ADS_DATA_DIR as string,
    });
    const shared = {
      ...storeEnvironment,
      ...emulators.environment,
      ADS_PRICES_FILE: writePriceFile(priceFileText),
      ADS_POLL_SCALE: '0.01',
    };
    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      instances.push(
        await spawnGateway(
          gatewayBin,
          testEnvironment({ ...shared, PORT: String(port), ADS_PUBLIC_URL: `http://127.0.0.1:${port}` }),
        ),
      );
    }
  });
  afterAll(async () => {
    for (const instance of instances) instance.child.kill('SIGKILL');
    await store?.close();
    await emulators?.close();
  });

  const admin = (method: string, route: string, body?: unknown) =>
    request<Json>(`${instances[0]?.url}${route}`, method, { bearer: testAdminToken, body });

  async function keyFor(credits: number, limits: Record<string, unknown>) {
    const workspace = await admin('POST', '/v1/admin/workspaces', { name: `shared${credits}`, credits });
    const key = await admin('POST', '/v1/admin/keys', { workspace_id: workspace.body.id, ...limits });
    return { workspaceId: workspace.body.id as string, apiKey: key.body.api_key as string };
  }

  /** The same request to both instances in turn, 50 at once. */
  const fifty = (apiKey: string, method: string, route: string, body?: unknown) =>
    Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        request<Json>(`${instances[index % 2]?.url}${route}`, method, { bearer: apiKey, body }),
      ),
    );

  it('holds one spend limit and one rate limit for both', async () => {
    const spender = await keyFor(1000, { spend_limit: 60, spend_period: 'month' });
    const sandbox = { model: 'sandbox/sandbox-video', prompt: 'a red ball' };
    const creates = await fifty(spender.apiKey, 'POST', '/api/actions/ai.video.generate', sandbox);
    expect(creates.filter((answer) => answer.status === 200)).toHaveLength(10);
    expect(creates.filter((answer) => answer.body.error?.code === 'spend_limit_exceeded')).toHaveLength(40);
    expect((await ledgerFacts(store, spender.workspaceId)).balance).toBe(940);

    const reader = await keyFor(0, { rate_limit: '20/hour' });
    const reads = await fifty(reader.apiKey, 'GET', '/v1/account');
    expect(reads.filter((answer) => answer.status === 200)).toHaveLength(20);
    expect(reads.filter((answer) => answer.status === 429)).toHaveLength(30);
  });

  it('gives back an open length once when both instances see the end', async () => {
    const { workspaceId, apiKey } = await keyFor(6000, {});
    const body = {
      model: 'fal/bytedance/seedance-2.0/text-to-video',
      scene: 'text-to-video',
      prompt: 'waves',
      options: { duration: 'auto' },
    };
    const created = await fifty(apiKey, 'POST', '/v1/videos/generations', body);
    expect(created.map((answer) => [answer.status, answer.body.credits ?? answer.body.error])).toEqual(
      created.map(() => [200, 105]),
    );
    // Both instances poll the held jobs before they end together; fal then sends each webhook 3 times.
    await emulators.fal.core.until((core) => core.jobs.size >= 50 && core.stats.statusReads >= 100, 60_000);
    expect(emulators.fal.core.release()).toBe(50);
    const ids = created.map((answer) => answer.body.id as string);
    const deadline = Date.now() + 90_000;
    for (;;) {
      const tasks = await Promise.all(
        ids.map(
          async (id) =>
            (await request<Json>(`${instances[1]?.url}/v1/tasks/${id}`, 'GET', { bearer: apiKey })).body,
        ),
      );
      if (tasks.every((task) => task.status === 'success')) {
        // (3 + 4 for the audio) credits a second: 105 reserved for 15 s, 7 for the 1 s delivered.
        expect(tasks.every((task) => task.credits === 7)).toBe(true);
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`tasks still open: ${JSON.stringify(tasks.map((task) => task.status))}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await emulators.fal.core.until(
      (core) => core.stats.webhooksSent + core.stats.webhookFailures >= 150,
      60_000,
    );
    const ledger = await ledgerFacts(store, workspaceId);
    for (const id of ids) {
      const entries = ledger.entries.filter((entry) => entry.task_id === id);
      expect(entries.map((entry) => [entry.kind, Number(entry.amount)])).toEqual([
        ['reserve', -105],
        ['adjust', 98],
      ]);
    }
    expect(ledger.balance).toBe(6000 - 50 * 7);
    expect(ledger.sum).toBe(ledger.balance);
  });
});
