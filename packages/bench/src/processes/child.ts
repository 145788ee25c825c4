import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { HostReady } from '../hosts/host-protocol.js';

/** A child process the bench started; stop() ends it and waits. */
export interface Child {
  child: ChildProcess;
  stop(): Promise<void>;
}

const started = new Set<ChildProcess>();
// A bench that stops half-way (an error, Ctrl-C) leaves no server or emulator running behind it.
process.once('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

/** Remembers a child so it is ended with the bench; returns how to stop it gracefully now. */
export function stopper(child: ChildProcess): () => Promise<void> {
  started.add(child);
  child.once('exit', () => started.delete(child));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

/** Starts one of the bench's host scripts (hosts/*.js) and resolves with what it printed once ready. */
export async function startHost(
  name: 'kie-host' | 'hello-host',
  environment: Record<string, string> = {},
): Promise<Child & HostReady> {
  const script = fileURLToPath(new URL(`../hosts/${name}.js`, import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<HostReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) =>
      resolve(JSON.parse(line) as HostReady),
    );
  });
  child.stdout?.resume();
  return { ...ready, child, stop: stopper(child) };
}
