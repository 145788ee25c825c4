import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort } from '@ads/testing';
import { type Child, stopper } from './child.js';

export interface PeerGateway extends Child {
  /** The peer's name and version, as the bench prints it. */
  name: string;
  url: string;
  /** Headers that make the peer pass a request through to `upstream` unchanged. */
  passThroughHeaders: (upstream: string) => Record<string, string>;
}

/**
 * Portkey's open-source AI gateway (`@portkey-ai/gateway`, the npm package run as its docs say)
 * as a pass-through proxy: its `/v1/*` route sends the request on to the `x-portkey-custom-host`
 * (loopback is among its trusted custom hosts) with the path after `/v1`. So the kie create
 * `POST {kie}/api/v1/jobs/createTask` goes through it as `POST {portkey}/v1/jobs/createTask`.
 */
export async function startPortkey(): Promise<PeerGateway> {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@portkey-ai/gateway/package.json');
  const manifest = require(manifestPath) as { version: string; bin: string };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [path.join(path.dirname(manifestPath), manifest.bin), `--port=${port}`, '--headless'],
    {
      // Production: no log console, no UI routes.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stop = stopper(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Portkey's gateway exited with ${child.exitCode}`);
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('Portkey’s gateway did not answer within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name: `@portkey-ai/gateway ${manifest.version}`,
    url,
    child,
    stop,
    passThroughHeaders: (upstream) => ({
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `${upstream}/api/v1`,
    }),
  };
}
