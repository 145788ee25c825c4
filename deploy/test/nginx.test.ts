import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Emulators,
  freePort,
  type GatewayProcess,
  spawnGateway,
  startEmulators,
  startS3Server,
  type TestS3Server,
  testAdminToken,
  testPostgres,
} from '@ads/testing';
import { EventSource } from 'eventsource';
import { Webhook } from 'standardwebhooks';
import { Agent, FormData, fetch, type RequestInit, type Response } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Bundle, writeBundle } from './support/bundle.js';
import { type RunningNginx, startNginx } from './support/nginx.js';

// Two instances of the production bundle on one PostgreSQL and one S3-protocol store, behind
// Debian's nginx running deploy/nginx/ads.conf with TLS. Every client request goes through the
// proxy from 127.0.0.2 (the proxy itself reaches the gateways from 127.0.0.1), so the client
// address in the gateways' logs tells which one they believed.

// biome-ignore lint/suspicious/noExplicitAny: answers are read as loose JSON, checked by the expectations
type Json = Record<string, any>;
const clientAddress = '127.0.0.2';
const spoofed = '203.0.113.7';

let bundle: Bundle;
let database: { url: string | null; stop(): void };
let s3: TestS3Server;
let emulators: Emulators;
let nginx: RunningNginx;
let client: Agent;
let receiver: Server;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const ports: [number, number] = [0, 0];
const instances: GatewayProcess[] = [];
/** Every process that ran, restarted ones included: their logs are read at the end. */
const everyProcess: GatewayProcess[] = [];
let environment: (index: number) => Record<string, string>;
let apiKey = '';
let requests = 0;

async function startInstance(index: number): Promise<GatewayProcess> {
  const instance = await spawnGateway(bundle.bin, environment(index));
  instances[index] = instance;
  everyProcess.push(instance);
  return instance;
}

/** A request through the proxy, as a client on another machine sends it (with a forged header). */
function call(pathname: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  requests += 1;
  const headers: Record<string, string> = {
    authorization: `Bearer ${apiKey}`,
    'x-request-id': `through-proxy-${requests}`,
    'x-forwarded-for': spoofed,
    ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    ...(init.headers as Record<string, string> | undefined),
  };
  const body = init.json === undefined ? init.body : JSON.stringify(init.json);
  return fetch(`${nginx.url}${pathname}`, { ...init, headers, body, dispatcher: client });
}
const json = async (answer: Response | Promise<Response>) => (await (await answer).json()) as Json;

beforeAll(async () => {
  bundle = await writeBundle();
  database = await testPostgres();
  if (!database.url) throw new Error('the nginx test needs PostgreSQL 15 (or DATABASE_URL)');
  s3 = await startS3Server();
  // Jobs are held upstream until the test releases them: nothing ends before the restart.
  emulators = await startEmulators({ fal: { hold: true, jobMs: 200 } });
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  ports[0] = await freePort();
  ports[1] = await freePort();
  nginx = await startNginx(ports);
  client = new Agent({ localAddress: clientAddress, connect: { ca: nginx.certificate } });
  const data = mkdtempSync(path.join(tmpdir(), 'ads-nginx-data-'));
  environment = (index) => ({
    PORT: String(ports[index]),
    HOST: '127.0.0.1',
    DATABASE_URL: database.url as string,
    ...s3.environment,
    ...emulators.environment,
    ADS_DATA_DIR: path.join(data, `instance-${index}`),
    ADS_PUBLIC_URL: nginx.url,
    ADS_TRUST_PROXY: '127.0.0.1',
    ADS_ADMIN_TOKEN: testAdminToken,
    // The webhook receiver and the emulators are on loopback.
    ADS_ALLOW_PRIVATE_URLS: 'true',
    ADS_STARTER_CREDITS: '5000',
    ADS_POLL_SCALE: '0.005',
    ADS_RUNNER_IDLE_MS: '50',
    ADS_LEASE_MS: '2000',
    ADS_SHUTDOWN_TIMEOUT_MS: '5000',
  });
  apiKey = (await startInstance(0)).firstKey as string;
  await startInstance(1);
  // nginx answers once it is up; the gateways are.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await call('/readyz').catch(() => undefined);
    if (ready?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`nginx did not come up: ${nginx.errorLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  for (const instance of instances) instance?.child.kill('SIGKILL');
  await nginx?.close();
  await client?.close();
  receiver?.close();
  await emulators?.close();
  await s3?.close();
  database?.stop();
  bundle?.remove();
});

/** How many generate_and_wait requests an instance holds (read from it directly, not through nginx). */
async function heldOn(index: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${ports[index]}/metrics`)).text();
  return Number(/^ads_waiting_requests (\d+)/m.exec(text)?.[1] ?? 0);
}

async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('serves both surfaces, SSE, a held wait across a restart, uploads, ranges and webhooks through nginx', async () => {
  const endpoint = await call('/v1/webhooks', {
    method: 'POST',
    json: { url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook` },
  });
  expect(endpoint.status).toBe(201);
  const { secret } = (await endpoint.json()) as Json;

  // Create on both surfaces.
  const rest = await json(
    call('/v1/videos/generations', {
      method: 'POST',
      json: {
        provider: 'fal',
        model: 'fal-ai/kling-video/v2.1/master/text-to-video',
        scene: 'text-to-video',
        prompt: 'rest',
      },
    }),
  );
  expect(rest.status).toMatch(/pending|running/);
  const action = await json(
    call('/api/actions/ai.video.generate', { method: 'POST', json: { provider: 'fal', prompt: 'action' } }),
  );
  expect(action.taskId).toEqual(expect.any(String));

  // An SSE stream on the REST task, read by the eventsource package through the proxy.
  const events: Json[] = [];
  const source = new EventSource(`${nginx.url}/v1/tasks/${rest.id}/events`, {
    fetch: (input, init) =>
      fetch(input as string, {
        ...(init as RequestInit),
        headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${apiKey}` },
        dispatcher: client,
      }) as never,
  });
  const streamEnded = new Promise<void>((resolve) => {
    source.addEventListener('task', (event) => {
      const task = JSON.parse(event.data) as Json;
      events.push(task);
      if (!['pending', 'running'].includes(task.status)) {
        source.close();
        resolve();
      }
    });
  });

  // A held wait, then a restart of the instance that is not holding it.
  const waited = json(
    call('/api/actions/ai.video.generate_and_wait', {
      method: 'POST',
      json: { provider: 'fal', prompt: 'waited', timeoutMs: 240_000 },
    }),
  );
  const holder = await until(async () => {
    const held = await Promise.all([heldOn(0), heldOn(1)]);
    return held[0] === 1 ? 0 : held[1] === 1 ? 1 : undefined;
  }, 'the held wait');
  await emulators.fal.core.until((core) => core.jobs.size === 3, 60_000);
  const other = 1 - holder;
  expect(await (instances[other] as GatewayProcess).kill('SIGTERM')).toBe(0);
  // While it is down, nginx sends every read to the instance that is up.
  const duringRestart = await Promise.all(Array.from({ length: 10 }, () => call('/v1/account')));
  expect(duringRestart.map((answer) => answer.status)).toEqual(Array(10).fill(200));
  await startInstance(other);
  expect(emulators.fal.core.release()).toBe(3);

  const waitedTask = await waited;
  expect(waitedTask.status).toBe('success');
  await streamEnded;
  expect(events.at(-1)?.status).toBe('success');
  const actionDone = await until(async () => {
    const task = await json(
      call('/api/actions/ai.video.query', { method: 'POST', json: { taskId: action.taskId } }),
    );
    return task.status === 'success' ? task : undefined;
  }, 'the action task');
  expect(actionDone.status).toBe('success');

  // The video, through the proxy, whole and by range; its link is on the public https address.
  const finished = await json(call(`/v1/tasks/${rest.id}`));
  const link = finished.videos[0].url as string;
  expect(link.startsWith(`${nginx.url}/`)).toBe(true);
  const whole = Buffer.from(await (await call(new URL(link).pathname + new URL(link).search)).arrayBuffer());
  expect(whole.subarray(4, 8).toString('latin1')).toBe('ftyp');
  const part = await call(new URL(link).pathname + new URL(link).search, {
    headers: { range: 'bytes=0-99' },
  });
  expect(part.status).toBe(206);
  expect(part.headers.get('content-range')).toBe(`bytes 0-99/${whole.length}`);
  expect(Buffer.from(await part.arrayBuffer())).toEqual(whole.subarray(0, 100));

  // An upload through the proxy (streamed, not spooled), read back by range.
  const form = new FormData();
  form.append('file', new Blob([whole], { type: 'video/mp4' }), 'clip.mp4');
  const uploaded = await call('/v1/files', { method: 'POST', body: form });
  expect(uploaded.status).toBe(200);
  const file = (await uploaded.json()) as Json;
  const filePart = await call(`/v1/files/${file.id}/content`, { headers: { range: 'bytes=10-19' } });
  expect(filePart.status).toBe(206);
  expect(Buffer.from(await filePart.arrayBuffer())).toEqual(whole.subarray(10, 20));

  // One webhook per task, signed, whichever instance sent it.
  const deliveries = await until(async () => (received.length >= 3 ? received : undefined), 'the webhooks');
  const verifier = new Webhook(secret);
  const delivered = deliveries.map(
    (delivery) => verifier.verify(delivery.body, delivery.headers as never) as Json,
  );
  expect(delivered.map((event) => event.data.id).sort()).toEqual(
    [rest.id, action.taskId, waitedTask.taskId].sort(),
  );
  expect(new Set(delivered.map((event) => event.type))).toEqual(new Set(['video.task.succeeded']));

  // Each task reserved once and was never refunded, across the restart.
  const ledger = await json(call('/v1/ledger?limit=100'));
  for (const id of [rest.id, action.taskId, waitedTask.taskId]) {
    const entries = (ledger.data as Json[]).filter((entry) => entry.task_id === id);
    expect(entries.map((entry) => entry.kind)).toEqual(['reserve']);
  }
});

it('logs the client address nginx saw, and believes X-Forwarded-For only from the proxy', async () => {
  // Straight to an instance from the client's address, with the same forged header: not believed.
  await fetch(`http://127.0.0.1:${ports[0]}/healthz`, {
    headers: { 'x-request-id': 'direct-forged', 'x-forwarded-for': spoofed },
    dispatcher: new Agent({ localAddress: clientAddress }),
  });
  const requestLines = () =>
    everyProcess
      .flatMap((instance) => instance.output().stdout.split('\n'))
      .filter((line) => line.includes('"msg":"request"'))
      .map((line) => JSON.parse(line) as Json);
  // Log lines are written in batches: wait for the last request's line.
  const lines = await until(
    async () => {
      const all = requestLines();
      return all.some((line) => line.requestId === 'direct-forged') ? all : undefined;
    },
    'the log line of the direct request',
    30_000,
  );
  const throughProxy = lines.filter((line) => String(line.requestId).startsWith('through-proxy-'));
  expect(throughProxy.length).toBeGreaterThan(20);
  expect(new Set(throughProxy.map((line) => line.client))).toEqual(new Set([clientAddress]));
  expect(lines.find((line) => line.requestId === 'direct-forged')?.client).toBe(clientAddress);
});
