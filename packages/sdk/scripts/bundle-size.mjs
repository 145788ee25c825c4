// Prints the min+gzip size of the SDK's browser entry beside @fal-ai/client's, bundled the same way
// (esbuild, ESM, browser platform, minified). `--json` prints one JSON object.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

async function gzippedBytes(source, resolveDir) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

export async function measureBundleSizes() {
  const here = new URL('..', import.meta.url).pathname;
  const sdk = await gzippedBytes("export * from '@ads/sdk';", here);
  let fal;
  try {
    fal = await gzippedBytes("export * from '@fal-ai/client';", here);
  } catch {
    fal = undefined;
  }
  return { sdk, fal, ratio: fal ? sdk.gzipped / fal.gzipped : undefined };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await measureBundleSizes();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(sizes));
  } else {
    const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
    console.log(`@ads/sdk browser entry: ${kb(sizes.sdk.gzipped)} min+gzip (${kb(sizes.sdk.minified)} min)`);
    if (sizes.fal) {
      console.log(
        `@fal-ai/client:         ${kb(sizes.fal.gzipped)} min+gzip (${kb(sizes.fal.minified)} min)`,
      );
      console.log(`ratio: ${sizes.ratio.toFixed(2)}`);
    }
  }
}
