import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One curl example of a product guide, with the host dropped. */
export interface SeedCurl {
  method: 'GET' | 'POST';
  path: string;
  body: Record<string, unknown> | undefined;
  /** The guide's text of the request, for test names. */
  source: string;
}

const seedsDirectory = join(import.meta.dirname, '../../../../../shared/seeds');

export const seedsPresent = existsSync(seedsDirectory);

/** Every `curl` in the product guides (`../shared/seeds`), parsed: method, path and JSON body. */
export function seedCurls(): SeedCurl[] {
  if (!seedsPresent) return [];
  const curls: SeedCurl[] = [];
  for (const name of readdirSync(seedsDirectory).sort()) {
    const text = readFileSync(join(seedsDirectory, name), 'utf8');
    for (const match of text.matchAll(/curl\s([\s\S]*?)-d '([\s\S]*?)'/g)) {
      const command = match[1] ?? '';
      const url = command.match(/https:\/\/[^\s"\\]+/)?.[0];
      if (!url) continue;
      curls.push({
        method: /-X\s+GET/.test(command) ? 'GET' : 'POST',
        path: new URL(url).pathname,
        body: JSON.parse(match[2] ?? '{}') as Record<string, unknown>,
        source: `${name}: ${new URL(url).pathname} ${(match[2] ?? '').replace(/\s+/g, ' ').slice(0, 80)}`,
      });
    }
  }
  return curls;
}

/** The guide's GET endpoints (the actions list and a schema), from its endpoint table. */
export function seedGetPaths(): string[] {
  if (!seedsPresent) return [];
  const paths = new Set<string>();
  for (const name of readdirSync(seedsDirectory)) {
    const text = readFileSync(join(seedsDirectory, name), 'utf8');
    for (const match of text.matchAll(/GET\s*\|\s*https:\/\/[^/\s]+(\/[^\s|]+)/g))
      if (match[1]) paths.add(match[1]);
  }
  return [...paths];
}
