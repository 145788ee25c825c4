import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cliApiGuideRequests,
  cliFlagTable,
  cliJsonOutputExample,
  videoGuideRequests,
  videoGuideResponseExample,
} from './fixtures/seed-examples.js';

/** The product guides live beside the repository (`../shared/seeds`) on development and CI machines. */
const seedsDirectory = join(import.meta.dirname, '../../../../shared/seeds');
const seedTexts = existsSync(seedsDirectory)
  ? readdirSync(seedsDirectory).map((name) => readFileSync(join(seedsDirectory, name), 'utf8'))
  : [];

function curlExamples(text: string) {
  return text
    .split(/\bcurl\b/)
    .slice(1)
    .flatMap((command) => {
      const url = command.match(/https?:\/\/[^\s\\]+/)?.[0];
      const body = command.match(/-d '([\s\S]*?)'/)?.[1];
      return url && body
        ? [{ method: 'POST' as const, path: new URL(url).pathname, body: JSON.parse(body) }]
        : [];
    });
}

describe.skipIf(seedTexts.length === 0)('the fixtures are the product guides’ own examples', () => {
  const allText = seedTexts.join('\n');

  it('has every curl request body of both guides', () => {
    const examples = seedTexts.flatMap(curlExamples);
    expect(examples).toHaveLength(cliApiGuideRequests.length + videoGuideRequests.length);
    expect(examples).toEqual(expect.arrayContaining([...cliApiGuideRequests, ...videoGuideRequests]));
  });

  it('has the CLI flag table', () => {
    const rows = [...allText.matchAll(/^--([a-z-]+) \| ([A-Za-z]+)(?: \([^)]*\))? \|$/gm)].map(
      ([, flag, field]) => ({
        flag,
        field,
      }),
    );
    expect(rows).toEqual(cliFlagTable);
  });

  it('has the --json output example and the REST response example', () => {
    const json = (marker: string) => {
      const start = allText.indexOf('{', allText.indexOf(marker));
      let depth = 0;
      for (let index = start; index < allText.length; index += 1) {
        if (allText[index] === '{') depth += 1;
        if (allText[index] === '}') depth -= 1;
        if (depth === 0) return JSON.parse(allText.slice(start, index + 1));
      }
      throw new Error(`no JSON after ${marker}`);
    };
    expect(json('--json output example')).toEqual(cliJsonOutputExample);
    expect(json('Response\n')).toEqual(videoGuideResponseExample);
  });
});
