import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCatalogGenerator, upstreamSnapshotDirectory } from '@ads/provider/testing';
import { describe, expect, it } from 'vitest';

const packageRoot = new URL('../', import.meta.url);
const upstream = upstreamSnapshotDirectory(packageRoot);

describe.skipIf(!upstream)('the generated catalog', () => {
  it.each(['fal-models.generated.ts'])(
    '%s is what the generator makes from the upstream schemas',
    async (file) => {
      const output = await runCatalogGenerator(
        new URL('scripts/generate-catalog.mjs', packageRoot),
        upstream as string,
      );
      const regenerated = await readFile(join(output, file), 'utf8');
      expect(regenerated).toBe(await readFile(new URL(`src/${file}`, packageRoot), 'utf8'));
    },
    // The generator type-checks @fal-ai/client's 2 MB of endpoint types: seconds idle, far more on a busy 2-core machine.
    120_000,
  );
});
