import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export type StoreKind = 'sqlite' | 'postgres';

const postgresUrl = inject('postgresUrl');

/** The stores every server test runs against: SQLite always, PostgreSQL wherever one is available. */
export const storeKinds: StoreKind[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `ads_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Environment for a gateway on a brand-new, empty store of the given kind. */
export async function freshStoreEnvironment(kind: StoreKind): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ads-test-'));
  if (kind === 'sqlite') return { ADS_DATA_DIR: dataDir };
  if (!postgresUrl) throw new Error('No PostgreSQL for this test run');
  return { ADS_DATA_DIR: dataDir, DATABASE_URL: await createDatabase(postgresUrl) };
}
