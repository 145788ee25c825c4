import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { StoreEngine } from './store-engine.js';

export interface DatabaseLocation {
  engine: StoreEngine;
  /** PostgreSQL: the connection URL. */
  databaseUrl?: string | undefined;
  /** SQLite: the directory that holds `ads.sqlite`. */
  dataDir: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

// PostgreSQL returns bigint (times, credits, counts) as strings; every such value here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'ads.sqlite');
}

/** The query builder, and on SQLite the driver's own handle for the few statements prepared once. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  sqlite?: SqliteDatabase.Database;
}

export function openDatabase(location: DatabaseLocation): OpenedDatabase {
  if (location.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: location.databaseUrl, max: location.poolSize ?? 10 });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
  }
  mkdirSync(location.dataDir, { recursive: true });
  const database = new SqliteDatabase(sqliteFile(location.dataDir));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), sqlite: database };
}
