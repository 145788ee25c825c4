import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
  /** Removes the bundle's folder (about 100 MB): every test that writes one removes it after. */
  remove(): void;
}

/**
 * Writes the production bundle (what `pnpm bundle` writes to dist/ads-server) into a new folder
 * outside the repository, from the packages as built.
 */
export async function writeBundle(): Promise<Bundle> {
  const parent = mkdtempSync(path.join(tmpdir(), 'ads-bundle-'));
  const dir = path.join(parent, 'ads-server');
  const { stdout } = await run(process.execPath, [path.join(repository, 'scripts/bundle.mjs'), dir], {
    cwd: repository,
    maxBuffer: 16 * 1024 * 1024,
  });
  return {
    dir,
    bin: path.join(dir, 'bin', 'ads-server.js'),
    report: stdout.trim(),
    remove: () => rmSync(parent, { recursive: true, force: true }),
  };
}
