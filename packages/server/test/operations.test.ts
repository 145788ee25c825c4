import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type GatewayProcess, spawnGateway } from '@ads/testing';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createMigrator } from '../src/store/migrations.js';
import { Store } from '../src/store/store.js';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import { gatewayBin, type Json, request, testEnvironment } from './support/test-gateway.js';

const run = promisify(execFile);
const running: GatewayProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.kill('SIGTERM')));
});
async function start(environment: Record<string, string>): Promise<GatewayProcess> {
  const gateway = await spawnGateway(gatewayBin, environment);
  running.push(gateway);
  return gateway;
}
const cli = (environment: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [gatewayBin, ...args], { env: { ...process.env, ...environment } });

/** The test's store and its migrator, with every migration's name in order; closed after `work`. */
async function withMigrator<T>(
  environment: Record<string, string>,
  work: (store: Store, migrator: ReturnType<typeof createMigrator>, names: string[]) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ ...environment });
  const store = Store.open({
    engine: config.engine,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  try {
    const migrator = createMigrator(store.db as unknown as Kysely<unknown>, store.engine);
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    return await work(store, migrator, names);
  } finally {
    await store.close();
  }
}

/** The store as the previous release left it: every migration but the newest. */
function previousReleaseSchema(environment: Record<string, string>): Promise<string> {
  return withMigrator(environment, async (_store, migrator, names) => {
    const { error } = await migrator.migrateTo(names.at(-2) as string);
    if (error) throw error;
    return names.at(-1) as string;
  });
}

describe('backup and restore of the SQLite store', () => {
  it('backs up while the gateway runs, restores into a new folder, and the restored store serves', async () => {
    const original = testEnvironment(await freshStoreEnvironment('sqlite'));
    const gateway = await start(original);
    const apiKey = gateway.firstKey as string;
    const created = await request<Json>(`${gateway.url}/api/actions/ai.video.generate_and_wait`, 'POST', {
      bearer: apiKey,
      body: { prompt: 'kept in the backup', timeoutMs: 60_000 },
    });
    expect(created.body.status).toBe('success');
    const file = path.join(original.ADS_DATA_DIR as string, '..', `backup-${Date.now()}.sqlite`);
    // While the gateway runs and writes.
    const backup = await cli(original, 'backup', '--to', file);
    expect(backup.stdout).toContain('Backed up');
    await expect(cli(original, 'backup', '--to', file)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--to'),
    });

    const restored = testEnvironment(await freshStoreEnvironment('sqlite'));
    expect((await cli(restored, 'restore', '--from', file)).stdout).toContain('Restored');
    // A store is there now: replacing it asks for --force.
    await expect(cli(restored, 'restore', '--from', file)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--force'),
    });
    const again = await start(restored);
    expect(again.firstKey).toBeUndefined();
    const task = await request<Json>(`${again.url}/v1/tasks/${created.body.taskId}`, 'GET', {
      bearer: apiKey,
    });
    expect(task.status).toBe(200);
    expect(task.body.status).toBe('success');
    const account = await request<Json>(`${again.url}/v1/account`, 'GET', { bearer: apiKey });
    const before = await request<Json>(`${gateway.url}/v1/account`, 'GET', { bearer: apiKey });
    expect(account.body.workspace.balance).toBe(before.body.workspace.balance);
  });

  it('refuses what is not an ads store, and points PostgreSQL to pg_dump', async () => {
    const environment = testEnvironment(await freshStoreEnvironment('sqlite'));
    const junk = path.join(environment.ADS_DATA_DIR as string, 'junk.sqlite');
    writeFileSync(junk, 'not a database');
    await expect(cli(environment, 'restore', '--from', junk)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--from'),
    });
    const postgres = { ...environment, DATABASE_URL: 'postgres://127.0.0.1:1/none' };
    await expect(cli(postgres, 'backup', '--to', 'x.sqlite')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('pg_dump'),
    });
  });
});

describe.each(storeKinds)('rolling upgrades on %s', (kind) => {
  it('with ADS_MIGRATE=false, new code on the previous schema is not ready until `migrate` runs', async () => {
    const environment = testEnvironment({ ...(await freshStoreEnvironment(kind)), ADS_MIGRATE: 'false' });
    // An empty store cannot be served at all: the start says what to run.
    await expect(cli(environment, 'start')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('ads-server migrate'),
    });
    // The previous release's instances created the store: every migration but the newest.
    const pending = await previousReleaseSchema(environment);
    const gateway = await start(environment);
    const notReady = await request<Json>(`${gateway.url}/readyz`, 'GET');
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.schema).toBe('failing');
    expect((await request<Json>(`${gateway.url}/healthz`, 'GET')).status).toBe(200);
    // The release step, while the instance runs.
    await cli(environment, 'migrate');
    const ready = await request<Json>(`${gateway.url}/readyz`, 'GET');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.schema).toBe('ok');
    expect(pending).toMatch(/^\d{4}-/);
  });

  it('every migration only adds (no column removed, no required column on a table that existed), so the previous release runs on the new schema', async () => {
    const environment = testEnvironment(await freshStoreEnvironment(kind));
    await withMigrator(environment, async (store, migrator, names) => {
      const columns = async () => {
        const tables = await store.db.introspection.getTables();
        return new Map(
          tables
            .filter((table) => !table.name.startsWith('ads_migrations'))
            .flatMap((table) =>
              table.columns.map((column) => [`${table.name}.${column.name}`, column] as const),
            ),
        );
      };
      let before = await columns();
      for (const name of names) {
        const { error } = await migrator.migrateTo(name);
        if (error) throw error;
        const after = await columns();
        for (const column of before.keys()) expect(after.has(column), `${name} removes ${column}`).toBe(true);
        const tablesBefore = new Set([...before.keys()].map((column) => column.split('.')[0]));
        for (const [column, facts] of after) {
          // A column added to a table that existed must not be required of the old code's inserts.
          if (before.has(column) || !tablesBefore.has(column.split('.')[0])) continue;
          expect(
            facts.isNullable || facts.hasDefaultValue,
            `${name} adds ${column} as NOT NULL without a default`,
          ).toBe(true);
        }
        before = after;
      }
    });
  });
});
