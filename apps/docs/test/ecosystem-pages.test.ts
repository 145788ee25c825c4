import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunningGateway } from '@ads/testing';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSamples, lastJsonObject } from './support/code-samples.js';
import { startGateway } from './support/gateway.js';

const run = promisify(execFile);

/** The page's TypeScript sample, bundled with its packages and run as a user would run it. */
async function runSample(gateway: RunningGateway, page: string) {
  const markdown = readFileSync(path.join(import.meta.dirname, `../content/guide/${page}.md`), 'utf8');
  const sample = codeSamples(markdown).find((candidate) => candidate.language === 'ts');
  if (!sample) throw new Error(`${page}.md shows no TypeScript sample`);
  const folder = mkdtempSync(path.join(tmpdir(), `ads-docs-${page}-`));
  const script = path.join(folder, 'sample.mjs');
  await build({
    stdin: { contents: sample.code, loader: 'ts', resolveDir: import.meta.dirname },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'silent',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const { stdout } = await run(process.execPath, [script], {
    cwd: folder,
    env: { ...process.env, ADS_HOST: gateway.url, ADS_API_KEY: gateway.apiKey },
    timeout: 120_000,
  });
  return { printed: lastJsonObject(stdout), folder };
}

describe('the ecosystem pages’ samples run against a gateway', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway?.stop());

  it('OpenAI compatibility: the openai package makes, polls and downloads a video', async () => {
    const { printed, folder } = await runSample(gateway, 'openai-compatibility');
    expect(printed).toMatchObject({
      status: 'completed',
      size: expect.stringMatching(/^\d+x\d+$/),
      seconds: '4',
    });
    expect(existsSync(path.join(folder, 'ocean.mp4'))).toBe(true);
  }, 120_000);

  it('AI SDK: experimental_generateVideo with ads.video(...) writes the video', async () => {
    const { printed, folder } = await runSample(gateway, 'ai-sdk');
    expect(printed).toMatchObject({ taskId: expect.any(String), status: 'success' });
    expect(readFileSync(path.join(folder, 'lighthouse.mp4')).subarray(4, 8).toString('latin1')).toBe('ftyp');
  }, 120_000);
});
