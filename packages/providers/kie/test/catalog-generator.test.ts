import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCatalogGenerator, upstreamSnapshotDirectory } from '@ads/provider/testing';
import { describe, expect, it } from 'vitest';

const packageRoot = new URL('../', import.meta.url);
const upstream = upstreamSnapshotDirectory(packageRoot);

describe.skipIf(!upstream)('the generated catalog', () => {
  it.each(['kie-models.generated.ts', '__fixtures__/kie-doc-examples.json'])(
    '%s is what the generator makes from the upstream schemas',
    async (file) => {
      const output = await runCatalogGenerator(
        new URL('scripts/generate-catalog.mjs', packageRoot),
        upstream as string,
      );
      const regenerated = await readFile(join(output, file), 'utf8');
      expect(regenerated).toBe(await readFile(new URL(`src/${file}`, packageRoot), 'utf8'));
    },
  );
});
