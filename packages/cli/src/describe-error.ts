import type { ApiError } from '@ads/sdk';
import { exitCodes } from './exit-codes.js';
import { CliFailure } from './failure.js';

const loginHint =
  'Log in again: ads login --host <url> --api-key <sk-...> (or set ADS_HOST and ADS_API_KEY).';

interface ErrorLike {
  name?: string;
  message?: string;
  taskId?: string;
}

function isNamed(error: unknown, ...names: string[]): error is ErrorLike {
  return typeof error === 'object' && error !== null && names.includes((error as ErrorLike).name ?? '');
}

/** `callback_url` and `callbackUrl` are both `--callback-url` to a CLI user. */
const flagOf = (field: string) =>
  `--${field.replace(/_/g, '-').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** A message that starts with the API field it is about names the flag instead. */
function inFlagTerms(error: ApiError): string {
  const field = (error.details as { field?: unknown }).field;
  if (typeof field !== 'string' || !error.message.startsWith(`${field}: `)) return error.message;
  return `${flagOf(field)}: ${error.message.slice(field.length + 2)}`;
}

/** One field problem in flag terms: `--prompt is required for --scene text-to-video`. */
function issueInFlagTerms(issue: { path: string; message: string }, flags: Record<string, string>) {
  const required = /^scene "([^"]+)" requires (\w+): (.*)$/.exec(issue.message);
  if (required) {
    const [, scene, field, what] = required as unknown as [string, string, string, string];
    return {
      text: `${flags[field] ?? field} is required for --scene ${scene} (${what})`,
      named: field in flags,
    };
  }
  const [root = '', ...rest] = issue.path.split('.');
  const flag = flags[root];
  if (!flag) return { text: `${issue.path}: ${issue.message}`, named: false };
  return { text: `${flag}${rest.length ? ` ${rest.join('.')}` : ''}: ${issue.message}`, named: true };
}

/**
 * A refused request in the command's own terms: each problem names its flag, and one the flags can
 * fix is a usage error (exit 2), like a flag commander itself refused.
 */
function usageFromApiError(error: ApiError, flags: Record<string, string>): CliFailure | undefined {
  if (error.status !== 400) return undefined;
  const extra = { status: error.status, ...(error.issues.length ? { issues: error.issues } : {}) };
  if (error.code === 'model_not_found') {
    const suggestion = /did you mean "([^"]+)"/.exec(error.message)?.[1];
    const model = /Unknown model "([^"]+)"/.exec(error.message)?.[1] ?? '';
    return new CliFailure({
      message: `unknown model "${model}"${suggestion ? ` (did you mean ${suggestion}?)` : ''} — run: ads models list`,
      code: error.code,
      exitCode: exitCodes.usage,
      hint: 'Name a catalog id with --model, e.g. --model sandbox/sandbox-video.',
      extra,
    });
  }
  if (error.issues.length === 0) return undefined;
  const described = error.issues.map((issue) => issueInFlagTerms(issue, flags));
  if (!described.every((issue) => issue.named)) return undefined;
  return new CliFailure({
    message: described.map((issue) => issue.text).join('; '),
    code: error.code,
    exitCode: exitCodes.usage,
    hint: 'Run the command with --help to see its flags.',
    extra,
  });
}

function fromApiError(error: ApiError, host: string): CliFailure {
  const extra = {
    status: error.status,
    ...(error.issues.length ? { issues: error.issues } : {}),
    ...(Object.keys(error.details).length ? { details: error.details } : {}),
    ...(error.requestId ? { requestId: error.requestId } : {}),
  };
  const base = { code: error.code, extra };
  switch (error.status) {
    case 401:
      return new CliFailure({
        ...base,
        message: `${host} refused the credentials: ${error.message}`,
        exitCode: exitCodes.auth,
        hint: loginHint,
      });
    case 403:
      return new CliFailure({ ...base, message: error.message, exitCode: exitCodes.auth });
    case 402: {
      if (error.code === 'spend_limit_exceeded') {
        const { limit, spent, period, resets_at } = error.details as Record<string, unknown>;
        return new CliFailure({
          ...base,
          message: `This API key's spend limit is reached: ${spent ?? '?'} of ${limit ?? '?'} credits spent this ${period ?? 'period'}; it resets ${resets_at ?? 'at the next period'}.`,
          hint: "Wait for the reset, or ask the gateway operator to raise it: ads admin keys update --key-id <id> --spend-limit <n>. `ads account` shows the key's limits.",
        });
      }
      const { balance, price } = error.details as { balance?: number; price?: number };
      return new CliFailure({
        ...base,
        message: `Not enough credits: the balance is ${balance ?? '?'} and this task costs ${price ?? '?'}.`,
        hint: 'Ask the gateway operator to top up: ads admin credits add --workspace-id <id> --amount <n>. `ads account` shows the balance.',
      });
    }
    default:
      return new CliFailure({
        ...base,
        message: inFlagTerms(error),
        hint: error.status >= 500 ? 'The gateway or its provider failed; try again shortly.' : undefined,
      });
  }
}

/** An answer without the ads API's envelope (a web page, another service): the host is wrong. */
export function notAGateway(host: string, what: string): CliFailure {
  return new CliFailure({
    message: `${host} answered ${what} without the ads API's shape: this is not an ads gateway (or not its address).`,
    code: 'not_a_gateway',
    hint: 'Check --host (or ADS_HOST): the gateway’s base URL, e.g. http://127.0.0.1:8787.',
  });
}

/** Turns anything a command throws into the message, hint and exit code the user sees. */
export function describeError(
  error: unknown,
  host = 'the gateway',
  flags: Record<string, string> = {},
): CliFailure {
  if (error instanceof CliFailure) return error;
  if (isNamed(error, 'ConnectionError', 'ConnectionTimeoutError')) {
    return new CliFailure({
      message: error.message ?? `Could not reach ${host}.`,
      code: 'connection_error',
      hint: `Is the gateway running at ${host}? Start one with \`pnpm start\`, or log in to another host.`,
    });
  }
  if (isNamed(error, 'IntegrityError')) {
    return new CliFailure({
      message: error.message ?? 'The downloaded file is not the one the gateway stored.',
      code: 'integrity_error',
      hint: 'Run the same command again; if the digest keeps differing, the stored file is damaged: tell the gateway operator.',
    });
  }
  if (isNamed(error, 'UserAbortError')) {
    return new CliFailure({
      message: 'Stopped.',
      code: 'aborted',
      hint: error.taskId
        ? `The task keeps running: ads video query --task-id ${error.taskId} --wait`
        : undefined,
    });
  }
  if (typeof error === 'object' && error !== null && 'status' in error && 'code' in error) {
    const apiError = error as ApiError;
    if (apiError.code.startsWith('http_')) return notAGateway(host, `HTTP ${apiError.status}`);
    return usageFromApiError(apiError, flags) ?? fromApiError(apiError, host);
  }
  return new CliFailure({ message: (error as Error)?.message ?? String(error), code: 'internal_error' });
}
