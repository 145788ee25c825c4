import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type Command, InvalidArgumentError } from 'commander';
import type { GatewayConfig } from '../config.js';
import { sqliteFile } from '../store/open-database.js';

/** Backups are SQLite's; PostgreSQL has its own tools, which see every instance's writes. */
function sqliteOnly(config: GatewayConfig, command: string): string {
  if (config.engine === 'postgres') {
    throw new InvalidArgumentError(
      `${command} copies the SQLite store; with DATABASE_URL set, use PostgreSQL's own tools: pg_dump --format=custom --file ads.dump "$DATABASE_URL" (and pg_restore). See the Deploy guide.`,
    );
  }
  return sqliteFile(config.dataDir);
}

/** Whether a file is an ads store: SQLite, whole (integrity_check), with the migrations table. */
function checkStoreFile(file: string, flag: '--from' | '--to'): number {
  let database: SqliteDatabase.Database;
  try {
    database = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new InvalidArgumentError(`${flag} ${file} cannot be opened as SQLite: ${(error as Error).message}`);
  }
  try {
    const integrity = database.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new InvalidArgumentError(`${flag} ${file} is damaged: ${String(integrity)}`);
    const migrations = database
      .prepare("select count(*) as count from sqlite_master where type = 'table' and name = 'ads_migrations'")
      .get() as { count: number };
    if (migrations.count === 0)
      throw new InvalidArgumentError(`${flag} ${file} is not an ads store (no ads_migrations table)`);
    return (database.prepare('select count(*) as count from ads_migrations').get() as { count: number })
      .count;
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError(`${flag} ${file} is not an ads store: ${(error as Error).message}`);
  } finally {
    database.close();
  }
}

export function backupCommands(program: Command, config: () => GatewayConfig): void {
  program
    .command('backup')
    .description('Copy the SQLite store to a file while the gateway runs (SQLite online backup)')
    .requiredOption('--to <file>', 'the backup file to write (must not exist)')
    .action(async (options: { to: string }) => {
      const source = sqliteOnly(config(), 'backup');
      const target = path.resolve(options.to);
      if (!existsSync(source))
        throw new InvalidArgumentError(`there is no store at ${source} (check ADS_DATA_DIR)`);
      if (existsSync(target)) throw new InvalidArgumentError(`--to ${target} exists: name a new file`);
      const database = new SqliteDatabase(source, { fileMustExist: true });
      try {
        database.pragma('busy_timeout = 10000');
        // Page by page, letting the running gateway write in between; the copy is one consistent moment.
        await database.backup(target);
      } finally {
        database.close();
      }
      const migrations = checkStoreFile(target, '--to');
      process.stdout.write(`Backed up ${source} to ${target} (schema: ${migrations} migrations).\n`);
    });
  program
    .command('restore')
    .description('Replace the SQLite store with a backup (stop the gateway first)')
    .requiredOption('--from <file>', 'a file ads-server backup wrote')
    .option('--force', 'replace a store that exists')
    .action((options: { from: string; force?: boolean }) => {
      const target = sqliteOnly(config(), 'restore');
      const source = path.resolve(options.from);
      const migrations = checkStoreFile(source, '--from');
      if (existsSync(target) && !options.force) {
        throw new InvalidArgumentError(
          `a store exists at ${target}: stop the gateway, then run again with --force to replace it`,
        );
      }
      // Written beside the store, then renamed over it: a crash leaves the old store or the new one.
      const staging = `${target}.restoring`;
      // A staging file an interrupted restore left behind is not reused.
      rmSync(staging, { force: true });
      const copy = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
      copy.exec(`vacuum into '${staging.replaceAll("'", "''")}'`);
      copy.close();
      for (const leftover of ['-wal', '-shm']) rmSync(`${target}${leftover}`, { force: true });
      renameSync(staging, target);
      process.stdout.write(
        `Restored ${target} from ${source} (schema: ${migrations} migrations; newer ones apply at the next start).\n`,
      );
    });
}
