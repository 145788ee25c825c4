import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A price file as an operator writes one: a per-second rule for a kie and a fal model family. */
export const priceFileText = `# Prices of this gateway (per second of the requested duration)
rules:
  - model: kie/bytedance/seedance-2-mini
    per: second
    credits: 2
    minimum: 10
  - model: fal/bytedance/seedance-2.0/*
    per: second
    credits: 3
    multiply:
      resolution: { 1080p: 2 }
    add:
      audio: 4
    minimum: 5
  - model: sandbox/*
    per: video
    credits: 6
`;

export function writePriceFile(text: string, name = 'prices.yaml'): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ads-prices-')), name);
  writeFileSync(file, text);
  return file;
}
