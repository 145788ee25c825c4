import type SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Database, TasksTable } from './database.js';
import { migrateToLatest } from './migrations.js';
import { type DatabaseLocation, openDatabase } from './open-database.js';
import type { StoreEngine } from './store-engine.js';
import { type TaskRecord, toTaskRecord } from './task-record.js';
import { findTask } from './task-repository.js';

/** A query runner: the database itself or one transaction on it. */
export type Executor = Kysely<Database>;

/**
 * The one store interface over both engines. Repositories take an Executor, so the same query can
 * run alone or inside a transaction; everything engine-specific stays in this file and the claim query.
 */
export class Store {
  private taskById: SqliteDatabase.Statement<[string], TasksTable> | undefined;

  constructor(
    readonly db: Kysely<Database>,
    readonly engine: StoreEngine,
    private readonly sqlite?: SqliteDatabase.Database,
  ) {}

  static open(location: DatabaseLocation): Store {
    const { db, sqlite } = openDatabase(location);
    return new Store(db, location.engine, sqlite);
  }

  /**
   * One task by id, outside any transaction: the hottest read (clients poll it). On SQLite it is a
   * statement prepared once and run by the driver directly, without building the query each time.
   */
  async readTask(id: string): Promise<TaskRecord | undefined> {
    if (!this.sqlite) return findTask(this.db, id);
    this.taskById ??= this.sqlite.prepare<[string], TasksTable>('select * from tasks where id = ?');
    const row = this.taskById.get(id);
    return row && toTaskRecord(row);
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
