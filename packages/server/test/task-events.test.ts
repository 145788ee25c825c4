import { type Emulators, type GatewayProcess, spawnGateway, startEmulators } from '@ads/testing';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import { gatewayBin, type Json, request, testEnvironment } from './support/test-gateway.js';

// Server-sent task events against real ads-server processes, read with the `eventsource` package
// (what a Node or browser client uses) and with a raw stream where the test sets Last-Event-ID.

interface SeenEvent {
  id: string;
  task: Json;
  at: number;
}

/** An EventSource on a task's events, with the API key, keeping every event it got. */
function follow(url: string, apiKey: string) {
  const seen: SeenEvent[] = [];
  const waiters = new Set<() => void>();
  const source = new EventSource(url, {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${apiKey}` } }),
  });
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  source.addEventListener('task', (event) => {
    seen.push({ id: event.lastEventId, task: JSON.parse(event.data), at: Date.now() });
    wake();
  });
  source.addEventListener('error', wake);
  const until = (condition: () => boolean, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      if (condition()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`events seen: ${seen.map((event) => event.task.status).join(', ')}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
    });
  return { source, seen, until };
}

/** Reads a raw event stream (sending Last-Event-ID when given) until it ends, or its first event with `first`. */
async function readStream(
  url: string,
  apiKey: string,
  options: { lastEventId?: string; first?: boolean } = {},
) {
  const controller = new AbortController();
  const response = await fetch(url, {
    signal: controller.signal,
    headers: {
      authorization: `Bearer ${apiKey}`,
      accept: 'text/event-stream',
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    },
  });
  const events: { id: string; task: Json }[] = [];
  if (!response.body) return { status: response.status, events };
  let buffer = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const fields = new Map<string, string>();
        for (const line of buffer.slice(0, end).split('\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
        }
        buffer = buffer.slice(end + 2);
        if (fields.get('event') !== 'task') continue;
        events.push({ id: fields.get('id') ?? '', task: JSON.parse(fields.get('data') ?? 'null') });
        if (options.first) {
          controller.abort();
          return { status: response.status, events };
        }
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return { status: response.status, events };
}

const distinct = (statuses: string[]) => statuses.filter((status, index) => statuses[index - 1] !== status);

describe.each(storeKinds)('task events as server-sent events on %s', { timeout: 180_000 }, (store) => {
  let emulators: Emulators;
  let gateway: GatewayProcess;
  let apiKey: string;
  beforeAll(async () => {
    // One kie submit per 10 s: a second task waits, pending, for its turn. Jobs end when released.
    const oneSubmit = { limit: 1, windowMs: 10_000 };
    emulators = await startEmulators({ kie: { hold: true, submitLimit: oneSubmit }, fal: { hold: true } });
    gateway = await spawnGateway(
      gatewayBin,
      testEnvironment({ ...(await freshStoreEnvironment(store)), ...emulators.environment }),
    );
    apiKey = gateway.firstKey as string;
  });
  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await emulators?.close();
  });

  const create = async (body: Record<string, unknown>) => {
    const created = await request<Json>(`${gateway.url}/v1/videos/generations`, 'POST', {
      bearer: apiKey,
      body,
    });
    expect(created.status).toBe(200);
    return created.body;
  };
  const kieTask = { provider: 'kie', model: 'bytedance/seedance-2-mini', scene: 'text-to-video' };

  it('an EventSource sees pending, running, success; the stream ends and does not start over', async () => {
    await create({ ...kieTask, prompt: 'takes the one submit' });
    const waiting = await create({ ...kieTask, prompt: 'waits for its turn' });
    expect(waiting.status).toBe('pending');
    const events = follow(`${gateway.url}/v1/tasks/${waiting.id}/events`, apiKey);
    await events.until(() => events.seen.some((event) => event.task.status === 'running'));
    expect(emulators.kie.core.release()).toBe(2);
    await events.until(() => events.seen.some((event) => event.task.status === 'success'));
    // The stream ends after the terminal event; the reconnect carries Last-Event-ID and is told 204:
    // an EventSource then closes for good instead of reconnecting.
    await events.until(() => events.source.readyState === EventSource.CLOSED);
    const statuses = events.seen.map((event) => event.task.status);
    expect(distinct(statuses)).toEqual(['pending', 'running', 'success']);
    const ids = events.seen.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const last = events.seen.at(-1)?.task;
    expect(last).toMatchObject({ id: waiting.id, status: 'success', object: 'video.generation.task' });
    expect(last.data.videoUrls).toHaveLength(1);
  });

  it('resumes after Last-Event-ID without repeats', async () => {
    const task = await create({
      provider: 'fal',
      model: 'fal-ai/kling-video/v2.1/master/text-to-video',
      scene: 'text-to-video',
      prompt: 'a harbour',
    });
    const url = `${gateway.url}/v1/tasks/${task.id}/events`;
    // The first connection reads the state as it stands, then goes away.
    const first = await readStream(url, apiKey, { first: true });
    const firstId = first.events[0]?.id as string;
    expect(first.events[0]?.task.status).toBe('running');

    const resumed = readStream(url, apiKey, { lastEventId: firstId });
    await emulators.fal.core.until((core) => [...core.jobs.values()].some((job) => job.held), 30_000);
    emulators.fal.core.release();
    const { status, events } = await resumed;
    expect(status).toBe(200);
    expect(events.every((event) => Number(event.id) > Number(firstId))).toBe(true);
    expect(events.at(-1)?.task.status).toBe('success');
    // Once finished, a resume from the terminal event has nothing more to send.
    const again = await readStream(url, apiKey, { lastEventId: events.at(-1)?.id as string });
    expect(again).toEqual({ status: 204, events: [] });
    // Without Last-Event-ID, a finished task's stream is its one terminal event.
    const fresh = await readStream(url, apiKey);
    expect(fresh.events.map((event) => event.task.status)).toEqual(['success']);
  });

  it('answers a task out of reach with the error envelope', async () => {
    const missing = await request<Json>(
      `${gateway.url}/v1/tasks/00000000-0000-4000-8000-000000000000/events`,
      'GET',
      { bearer: apiKey },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const anonymous = await request<Json>(
      `${gateway.url}/v1/tasks/00000000-0000-4000-8000-000000000000/events`,
      'GET',
    );
    expect(anonymous.status).toBe(401);
    // Paths that are not valid percent-encoding are answered in the envelope, and the stream route
    // (served before express) keeps the process alive.
    for (const id of ['%ED%A0%80', '%', '%00']) {
      const bad = await request<Json>(`${gateway.url}/v1/tasks/${id}/events`, 'GET', { bearer: apiKey });
      expect(bad.status, id).toBe(400);
      expect(bad.body.error.code, id).toBe('invalid_request');
    }
    expect((await request<Json>(`${gateway.url}/healthz`, 'GET')).status).toBe(200);
  });
});

describe.skipIf(!storeKinds.includes('postgres'))(
  'wake-ups across instances (PostgreSQL LISTEN/NOTIFY)',
  { timeout: 180_000 },
  () => {
    let emulators: Emulators;
    const instances: GatewayProcess[] = [];
    afterAll(async () => {
      for (const instance of instances) instance.child.kill('SIGKILL');
      await emulators?.close();
    });

    it('a task finished on instance B is seen within 200 ms by an SSE stream and a held wait on instance A', async () => {
      emulators = await startEmulators({ fal: { hold: true } });
      const environment = testEnvironment({
        ...(await freshStoreEnvironment('postgres')),
        ...emulators.environment,
        ADS_POLL_SCALE: '0.005',
      });
      // A only serves the API; B's runner polls, copies and settles every task.
      const a = await spawnGateway(gatewayBin, { ...environment, ADS_RUNNER_ENABLED: 'false' });
      instances.push(a);
      const b = await spawnGateway(gatewayBin, environment);
      instances.push(b);
      const apiKey = a.firstKey as string;
      const falTask = {
        provider: 'fal',
        model: 'fal-ai/kling-video/v2.1/master/text-to-video',
        prompt: 'a tram at dusk',
      };
      const created = await request<Json>(`${a.url}/v1/videos/generations`, 'POST', {
        bearer: apiKey,
        body: { ...falTask, scene: 'text-to-video' },
      });
      expect(created.body.status).toBe('running');
      const events = follow(`${a.url}/v1/tasks/${created.body.id}/events`, apiKey);
      let waitedAt = 0;
      const held = request<Json>(`${a.url}/api/actions/ai.video.generate_and_wait`, 'POST', {
        bearer: apiKey,
        body: { ...falTask, timeoutMs: 120_000 },
      }).then((answer) => {
        waitedAt = Date.now();
        return answer;
      });
      await emulators.fal.core.until((core) => core.jobs.size === 2, 60_000);
      await events.until(() => events.seen.length > 0);
      expect(emulators.fal.core.release()).toBe(2);

      const waited = (await held).body;
      expect(waited.status).toBe('success');
      await events.until(() => events.seen.some((event) => event.task.status === 'success'));
      const streamed = events.seen.find((event) => event.task.status === 'success') as SeenEvent;
      const streamLagMs = streamed.at - Date.parse(streamed.task.finished_at);
      const waitLagMs = waitedAt - Date.parse(waited.finishedAt);
      console.log(`cross-instance wake-up: sse_lag_ms=${streamLagMs} wait_lag_ms=${waitLagMs}`);
      expect(streamLagMs).toBeLessThan(200);
      expect(waitLagMs).toBeLessThan(200);
      events.source.close();
    });
  },
);
