/** Every exit code of `ads`, in one place; `--help` and the docs print this table. */
export const exitCodes = {
  success: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  taskFailed: 4,
  timeout: 5,
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export const exitCodeDescriptions: Record<ExitCode, string> = {
  0: 'success',
  1: 'error: the gateway refused the request or could not be reached',
  2: 'usage error: an unknown command or flag, or a bad flag value',
  3: 'auth error: not logged in, or the key or admin token was refused',
  4: 'task failed or was canceled',
  5: 'timeout: the task is still running (the message says how to resume waiting)',
  130: 'interrupted (Ctrl-C): the task keeps running; the message says how to resume waiting',
};

export function exitCodeHelp(): string {
  const lines = Object.entries(exitCodeDescriptions).map(([code, text]) => `  ${code}  ${text}`);
  return `Exit codes:\n${lines.join('\n')}`;
}
