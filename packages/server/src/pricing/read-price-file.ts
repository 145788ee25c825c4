import { readFileSync } from 'node:fs';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import { type PriceFile, priceFileSchema } from './price-rules.js';

/** One problem of a price file, at its place in the file. */
export interface PriceFileProblem {
  line: number;
  column: number;
  /** Where in the document, e.g. `rules[2].multiply.resolution.8k`. */
  path: string;
  message: string;
}

/** A price file that cannot be used: every problem, each with its line. */
export class PriceFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly PriceFileProblem[],
  ) {
    super(
      `${file} is not a valid price file:\n${problems
        .map(
          (problem) =>
            `  ${file}:${problem.line}:${problem.column}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`,
        )
        .join('\n')}`,
    );
    this.name = 'PriceFileError';
  }
}

export type PathPart = string | number;

export const formatPath = (path: readonly PathPart[]) =>
  path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );

/** A parsed price file that can still say where each of its values is written. */
export interface LocatedPriceFile {
  rules: PriceFile['rules'];
  /** The problem at `path` (the nearest written node when the value itself is missing). */
  problem(path: readonly PathPart[], message: string): PriceFileProblem;
}

function locator(document: Document, lines: LineCounter) {
  return (path: readonly PathPart[], message: string): PriceFileProblem => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const { line, col } = lines.linePos(node.range[0]);
        return { line, column: col, path: formatPath(path), message };
      }
    }
    return { line: 1, column: 1, path: formatPath(path), message };
  };
}

/**
 * Parses a price file (YAML, or JSON, which YAML reads as it is) and checks its shape. Throws a
 * PriceFileError naming the line of every problem.
 */
export function parsePriceFile(text: string, file: string): LocatedPriceFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new PriceFileError(
      file,
      document.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { line, column: col, path: '', message: error.message.split('\n')[0] ?? error.code };
      }),
    );
  }
  const problem = locator(document, lines);
  const parsed = priceFileSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    throw new PriceFileError(
      file,
      parsed.error.issues.map((issue) => problem(issue.path as PathPart[], issue.message)),
    );
  }
  return { rules: parsed.data.rules, problem };
}

export function readPriceFile(file: string): LocatedPriceFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PriceFileError(file, [
      {
        line: 1,
        column: 1,
        path: '',
        message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
      },
    ]);
  }
  return parsePriceFile(text, file);
}
