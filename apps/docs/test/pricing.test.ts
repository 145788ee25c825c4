import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type RunningGateway, serverBin } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSamples } from './support/code-samples.js';
import { startGateway } from './support/gateway.js';

const run = promisify(execFile);
const page = readFileSync(path.join(import.meta.dirname, '../content/guide/pricing.md'), 'utf8');
const samples = codeSamples(page);
const priceFile = path.join(mkdtempSync(path.join(tmpdir(), 'ads-docs-prices-')), 'prices.yaml');
writeFileSync(priceFile, samples.find((sample) => sample.language === 'yaml')?.code ?? '');

describe('the Pricing page', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway({ ADS_PRICES_FILE: priceFile });
  });
  afterAll(() => gateway?.stop());

  it('shows a price file that ads-server prices check accepts', async () => {
    const { stdout } = await run(process.execPath, [
      serverBin(import.meta.url),
      'prices',
      'check',
      priceFile,
      '--json',
    ]);
    const checked = JSON.parse(stdout);
    expect(checked.valid).toBe(true);
    expect(checked.rules).toHaveLength(5);
    expect(checked.rules.every((rule: { matches: string[] }) => rule.matches.length > 0)).toBe(true);
  });

  it('shows the quote the gateway answers for its curl example', async () => {
    const curl = samples.find((sample) => sample.code.includes('/v1/videos/quote'))?.code ?? '';
    const body = JSON.parse(curl.match(/-d '([\s\S]*?)'/)?.[1] ?? '{}');
    const shown = JSON.parse(samples.find((sample) => sample.code.includes('"video.quote"'))?.code ?? '{}');
    const answer = await fetch(`${gateway.url}/v1/videos/quote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const quote = await answer.json();
    expect(answer.status, JSON.stringify(quote)).toBe(200);
    const { workspace: _workspace, balance: _balance, ...priced } = shown;
    expect(quote).toMatchObject(priced);
  });
});
