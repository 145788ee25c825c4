import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

/** A PostgreSQL cluster for one test run: a temp dir, loopback only, no fsync, thrown away after. */
export interface ThrowawayPostgres {
  url: string;
  stop(): void;
}

const binDirectory = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function postgresAvailable(): boolean {
  return existsSync(path.join(binDirectory, 'initdb'));
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const root = mkdtempSync(path.join(tmpdir(), 'ads-pg-'));
  const data = path.join(root, 'data');
  // initdb refuses to run as root: run the cluster as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres', root]);
  else chownSync(root, process.getuid?.() ?? 0, process.getgid?.() ?? 0);
  const run = (binary: string, args: string[]) => {
    const command = path.join(binDirectory, binary);
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
      : execFileSync(command, args, { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const settings = [
    `-c listen_addresses=127.0.0.1`,
    `-c port=${port}`,
    `-c unix_socket_directories=${root}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  // About a second on an idle machine; pg_ctl's own 60 s wait can run out on a loaded 2-core one.
  const waitSeconds = '180';
  run('pg_ctl', [
    '-D',
    data,
    '-o',
    settings,
    '-l',
    path.join(root, 'postgres.log'),
    '-w',
    '-t',
    waitSeconds,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', waitSeconds, 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The PostgreSQL a test run uses: DATABASE_URL when set, else a throwaway cluster started here, else
 * none (url null). In CI a missing PostgreSQL is an error, not a skip.
 */
export async function testPostgres(): Promise<{ url: string | null; stop(): void }> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) return { url: given, stop() {} };
  if (postgresAvailable()) {
    const cluster = await startThrowawayPostgres();
    return { url: cluster.url, stop: () => cluster.stop() };
  }
  if (process.env.CI) throw new Error('CI needs PostgreSQL: set DATABASE_URL or install PostgreSQL 15.');
  return { url: null, stop() {} };
}
