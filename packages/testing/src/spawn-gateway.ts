import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** ads-server as its own process, as an operator runs it: for crash and multi-instance tests. */
export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** The first API key, when this process found the store empty. */
  firstKey: string | undefined;
  /** The console's first user (an operator), printed beside the first key. */
  firstUser: { email: string; password: string } | undefined;
  exited: Promise<number | null>;
  /** Everything the process wrote so far, per stream. */
  output(): { stdout: string; stderr: string };
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

function firstUserOf(stderr: string): GatewayProcess['firstUser'] {
  const match = stderr.match(/sign in as (\S+) with the password (\S+)/);
  return match?.[1] && match[2] ? { email: match[1], password: match[2] } : undefined;
}

/** Starts `node <bin> start` with the environment and resolves once it listens. */
export async function spawnGateway(
  bin: string,
  environment: Record<string, string>,
  options: { cwd?: string } = {},
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [bin, 'start'], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { ...process.env, ...environment, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  let stdout = '';
  let firstKey: string | undefined;
  let keyPrinted: (() => void) | undefined;
  // The first key is printed on stderr, framed apart from the JSON log lines on stdout.
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
    firstKey ??= stderr.match(/API key[^:]*: (sk-\S+)/)?.[1];
    if (firstKey) keyPrinted?.();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ads-server did not start: ${stderr}`)), 30_000);
    void exited.then((code) => reject(new Error(`ads-server exited with ${code}: ${stderr}`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      stdout += `${line}\n`;
      if (!line.includes('"ads-server listening"')) return;
      const listening = JSON.parse(line) as { url: string; firstKeyPrinted?: boolean };
      const ready = () => {
        clearTimeout(timer);
        resolve(listening.url);
      };
      // The log line says a key was printed: wait for it on the other pipe.
      if (listening.firstKeyPrinted && !firstKey) keyPrinted = ready;
      else ready();
    });
  });
  return {
    child,
    url,
    firstKey,
    firstUser: firstUserOf(stderr),
    exited,
    output: () => ({ stdout, stderr }),
    kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}
