import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repository = path.resolve(import.meta.dirname, '../../..');
export const deployDir = path.join(repository, 'deploy');

export interface Bundle {
  /** The folder the bundle was written to, outside the repository. */
  dir: string;
  bin: string;
  /** What `pnpm bundle` printed (its size). */
  report: string;
}

/**
 * Writes the production bundle (what `pnpm bundle` writes to dist/ads-server) into a new folder
 * outside the repository, from the packages as built.
 */
export async function writeBundle(): Promise<Bundle> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ads-bundle-')), 'ads-server');
  const { stdout } = await run(process.execPath, [path.join(repository, 'scripts/bundle.mjs'), dir], {
    cwd: repository,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { dir, bin: path.join(dir, 'bin', 'ads-server.js'), report: stdout.trim() };
}
