import { readFile } from 'node:fs/promises';
import { publint } from 'publint';
import { describe, expect, it } from 'vitest';
import { measureBundleSizes } from '../scripts/bundle-size.mjs';
import { consoleRouters, sdkRouters, tableOf } from '../scripts/generate-routes.mjs';
import { consoleRoutes } from '../src/console/routes.generated.js';
import { routes } from '../src/routes.generated.js';

const packageDirectory = new URL('..', import.meta.url).pathname;

describe('the published package', () => {
  it('is publint clean', async () => {
    const { messages } = await publint({ pkgDir: packageDirectory, level: 'suggestion', strict: true });
    expect(messages).toEqual([]);
  });

  it('keeps its route table equal to the contract (run `pnpm --filter @ads/sdk generate` if not)', () => {
    expect(routes).toEqual(tableOf(sdkRouters()));
    expect(consoleRoutes).toEqual(tableOf(consoleRouters()));
  });

  it('keeps the browser entry free of zod schemas and Node built-ins, and smaller than @fal-ai/client', async () => {
    const sizes = await measureBundleSizes();
    expect(sizes.fal).toBeDefined();
    expect(sizes.sdk.gzipped).toBeLessThan(sizes.fal?.gzipped ?? 0);
    const entry = await readFile(new URL('../dist/index.js', import.meta.url), 'utf8');
    expect(entry).not.toMatch(/node:/);
  });
});
