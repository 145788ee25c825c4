import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, serverBin } from '@ads/testing';
import { type Child, stopper } from './child.js';

export const benchAdminToken = 'bench-admin-token';

export interface BenchGateway extends Child {
  url: string;
  apiKey: string;
  /** Reads /metrics once and returns each named sample's value (the first line of that name). */
  metrics<Name extends string>(...names: Name[]): Promise<Record<Name, number>>;
}

/**
 * ads-server as an operator runs it (its own process, SQLite, request logs at info), with its log
 * going to a file rather than a pipe the bench would have to drain.
 */
export async function startBenchGateway(
  environment: Record<string, string>,
  options: { webhooks?: boolean } = {},
): Promise<BenchGateway> {
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'ads-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDirectory, 'server.log');
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [serverBin(import.meta.url), 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      ADS_DATA_DIR: dataDirectory,
      ADS_ADMIN_TOKEN: benchAdminToken,
      ADS_STARTER_CREDITS: '1000000000',
      LOG_LEVEL: 'info',
      // The emulated kie account allows a million submits a second (kie-host.ts): measure the gateway.
      KIE_SUBMITS_PER_10S: '10000000',
      // The held-waits run holds 10,000 generate_and_wait requests with one key: lift the caps.
      ADS_MAX_HELD_WAITS: '1000000',
      ADS_MAX_HELD_WAITS_PER_KEY: '1000000',
      ...(options.webhooks ? { ADS_PUBLIC_URL: url } : {}),
      ...environment,
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const stop = stopper(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ads-server exited: ${readFileSync(logFile, 'utf8')}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`ads-server did not become ready: ${readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const apiKey = readFileSync(logFile, 'utf8').match(/API key[^:]*: (sk-\S+)/)?.[1];
  if (!apiKey) throw new Error('ads-server printed no first API key');
  return {
    child,
    url,
    apiKey,
    async metrics(...names) {
      const lines = (await (await fetch(`${url}/metrics`)).text()).split('\n');
      const value = (name: string) => {
        const line = lines.find(
          (candidate) => candidate.startsWith(`${name} `) || candidate.startsWith(`${name}{`),
        );
        if (!line) throw new Error(`/metrics has no ${name}`);
        return Number(line.slice(line.lastIndexOf(' ') + 1));
      };
      return Object.fromEntries(names.map((name) => [name, value(name)])) as Record<
        (typeof names)[number],
        number
      >;
    },
    async stop() {
      await stop();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
