import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const seedsFolder = path.join(import.meta.dirname, '../../../../../shared/seeds');

/** Shell-like words: double and single quotes group, backslash-newline continues the line. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
}

/**
 * The `pnpm ads ...` command lines of the CLI & API guide, as argument lists after `ads`. The guide's
 * text runs prose straight on after a command (`--out ./output/video.mp4Optional: ...`); a command
 * ends where a word turns into a capitalised word.
 */
export function seedCommandLines(): string[][] | undefined {
  if (!existsSync(seedsFolder)) return undefined;
  const file = readdirSync(seedsFolder).find((name) => name.startsWith('000_'));
  if (!file) return undefined;
  const text = readFileSync(path.join(seedsFolder, file), 'utf8').replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .filter((line) => line.startsWith('pnpm ads '))
    .map((line) => {
      const argv: string[] = [];
      for (const word of words(line).slice(2)) {
        const prose = word.match(/^(.*?[a-z0-9>])(?=[A-Z][a-z])/);
        if (prose) {
          argv.push(prose[1] as string);
          break;
        }
        argv.push(word);
      }
      return argv;
    });
}
