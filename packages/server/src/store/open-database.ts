import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as SqliteHandle } from 'kysely';
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
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }),
    sqlite: database,
  };
}

const statementCacheSize = 256;

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small statement.
 * The gateway sends the same few dozen query shapes over and over, so each prepared statement is
 * kept by its SQL and reused (safe: nothing here streams, so a statement is never mid-iteration
 * when it runs again). Shapes beyond the cap (IN lists of every length) start the cache over.
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteHandle {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= statementCacheSize) statements.clear();
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
