import { type ExitCode, exitCodes } from './exit-codes.js';

/** What a failed command prints: a message, what to do next, and the JSON document for `--json`. */
export class CliFailure extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly hint: string | undefined;
  /** Printed on stdout under `--json`; defaults to `{ error: { code, message, hint } }`. */
  readonly document: unknown;

  constructor(fields: {
    message: string;
    code: string;
    exitCode?: ExitCode;
    hint?: string;
    document?: unknown;
    extra?: Record<string, unknown>;
  }) {
    super(fields.message);
    this.code = fields.code;
    this.exitCode = fields.exitCode ?? exitCodes.failure;
    this.hint = fields.hint;
    this.document = fields.document ?? {
      error: {
        code: fields.code,
        message: fields.message,
        ...(fields.hint ? { hint: fields.hint } : {}),
        ...fields.extra,
      },
    };
  }
}

export function usageFailure(message: string, hint = 'Run `ads --help` to see the commands and flags.') {
  return new CliFailure({ message, code: 'usage_error', exitCode: exitCodes.usage, hint });
}
