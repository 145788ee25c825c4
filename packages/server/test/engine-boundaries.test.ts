import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const engineFolder = path.join(import.meta.dirname, '../src/engine');

async function engineSources(): Promise<Array<{ file: string; text: string }>> {
  const files = (await readdir(engineFolder)).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  return Promise.all(
    files.map(async (file) => ({ file, text: await readFile(path.join(engineFolder, file), 'utf8') })),
  );
}

describe('the engine', () => {
  it('says what happened to a task and never writes a row: no column name, no table type', async () => {
    const sources = await engineSources();
    expect(sources.length).toBeGreaterThan(10);
    const rowWrites = sources.flatMap(({ file, text }) =>
      text
        .split('\n')
        .filter(
          (line) => /^\s*[a-z]+(_[a-z]+)+\??\s*:/.test(line) || /store\/database\.js|Updateable</.test(line),
        )
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(rowWrites).toEqual([]);
  });
});
