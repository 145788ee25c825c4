import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The upstream schema snapshots, kept beside the repository (`shared/upstream`) where they are available. */
export function upstreamSnapshotDirectory(packageRoot: URL): string | undefined {
  const directory = fileURLToPath(new URL('../../../../shared/upstream', packageRoot));
  return existsSync(directory) ? directory : undefined;
}

/** Runs a provider's catalog generator into a fresh directory and returns that directory. */
export async function runCatalogGenerator(script: URL, upstream: string): Promise<string> {
  const output = await mkdtemp(join(tmpdir(), 'ads-catalog-'));
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [fileURLToPath(script), upstream, output], (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  return output;
}
