import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** ads-server as its own process, as an operator runs it: for crash and multi-instance tests. */
export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** The first API key, when this process found the store empty. */
  firstKey: string | undefined;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node <bin> start` with the environment and resolves once it listens. */
export async function spawnGateway(
  bin: string,
  environment: Record<string, string>,
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, ...environment, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  let firstKey: string | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ads-server did not start: ${stderr}`)), 30_000);
    void exited.then((code) => reject(new Error(`ads-server exited with ${code}: ${stderr}`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      firstKey ??= line.match(/API key[^:]*: (sk-\S+)/)?.[1];
      if (line.includes('"ads-server listening"')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
  });
  return {
    child,
    url,
    firstKey,
    exited,
    kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}
