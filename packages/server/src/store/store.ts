import type SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';
import { createMigrator, migrateToLatest } from './migrations.js';
import { type DatabaseLocation, openDatabase } from './open-database.js';
import type { StoreEngine } from './store-engine.js';

/** A query runner: the database itself or one transaction on it. */
export type Executor = Kysely<Database>;

/**
 * The connection to one of the two engines: queries, transactions, migrations. It knows no table;
 * the repositories take an Executor, so the same query can run alone or inside a transaction.
 */
export class Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly engine: StoreEngine,
    /** The SQLite driver itself, for the few statements prepared once (unset on PostgreSQL). */
    readonly sqlite?: SqliteDatabase.Database,
  ) {}

  static open(location: DatabaseLocation): Store {
    const { db, sqlite } = openDatabase(location);
    return new Store(db, location.engine, sqlite);
  }

  /**
   * Runs `work` in one transaction. On SQLite it begins IMMEDIATE, so a transaction that reads and
   * then writes never fails half-way because another process wrote in between.
   */
  async transaction<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
    if (this.engine === 'postgres') return this.db.transaction().execute(work);
    return this.db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
  }

  migrate(): Promise<string[]> {
    return migrateToLatest(this.db as unknown as Kysely<unknown>, this.engine);
  }

  /** The migrations this release knows that the store has not applied, in order. */
  async pendingMigrations(): Promise<string[]> {
    const migrations = await createMigrator(
      this.db as unknown as Kysely<unknown>,
      this.engine,
    ).getMigrations();
    return migrations.filter((migration) => migration.executedAt === undefined).map(({ name }) => name);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** Whether an error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
