import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ClientFigures {
  cli_help_ratio: number;
  sdk_vs_fal_client_size_ratio: number;
  sdk_gzip_bytes: number;
  fal_client_gzip_bytes: number;
}

const require = createRequire(import.meta.url);

/** A measuring script that ships with a client package (the same one its own `pnpm` script runs). */
async function packageScript<T>(packageName: string, script: string): Promise<T> {
  const root = path.dirname(require.resolve(`${packageName}/package.json`));
  return (await import(pathToFileURL(path.join(root, 'scripts', script)).href)) as T;
}

/** `ads --help` against `node -e 0`, and the SDK's browser bundle against @fal-ai/client's. */
export async function measureClientFigures(): Promise<ClientFigures> {
  const { measureHelpStartup } = await packageScript<{
    measureHelpStartup(runs?: number): { ratio: number };
  }>('@ads/cli', 'help-startup.mjs');
  const { measureBundleSizes } = await packageScript<{
    measureBundleSizes(): Promise<{ sdk: { gzipped: number }; fal?: { gzipped: number }; ratio?: number }>;
  }>('@ads/sdk', 'bundle-size.mjs');
  const sizes = await measureBundleSizes();
  if (sizes.ratio === undefined || !sizes.fal)
    throw new Error('@fal-ai/client is not installed to compare with');
  return {
    cli_help_ratio: measureHelpStartup(30).ratio,
    sdk_vs_fal_client_size_ratio: sizes.ratio,
    sdk_gzip_bytes: sizes.sdk.gzipped,
    fal_client_gzip_bytes: sizes.fal.gzipped,
  };
}
