import type { CliFailure } from './failure.js';

export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/**
 * The one printer. With `--json`, stdout receives exactly one JSON document (a result or an error)
 * and nothing else; without it, results go to stdout as text and notes, progress and errors to stderr.
 */
export class Printer {
  #printedDocument = false;

  constructor(
    readonly json: boolean,
    readonly streams: OutputStreams = { stdout: process.stdout, stderr: process.stderr },
  ) {}

  /** A command's result: `document` under `--json`, else the human text. */
  result(document: unknown, human: () => string): void {
    if (this.json) {
      this.#document(document);
      return;
    }
    const text = human();
    if (text) this.streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A side note for people (saved files, next steps); silent under `--json`. */
  note(text: string): void {
    if (!this.json) this.streams.stderr.write(`${text}\n`);
  }

  failure(failure: CliFailure): void {
    if (this.json) {
      this.#document(failure.document);
      return;
    }
    this.streams.stderr.write(`ads: ${failure.message}\n`);
    if (failure.hint) this.streams.stderr.write(`  ${failure.hint}\n`);
  }

  /** Whether a live, redrawn status line fits: a terminal on stderr and no `--json`. */
  get live(): boolean {
    return !this.json && Boolean(this.streams.stderr.isTTY);
  }

  #document(document: unknown): void {
    if (this.#printedDocument) return;
    this.#printedDocument = true;
    this.streams.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }
}
