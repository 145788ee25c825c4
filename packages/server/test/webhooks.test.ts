import { type GatewayProcess, spawnGateway } from '@ads/testing';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from './support/server-process.js';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import { gatewayBin, gatewayCalls, type Json, request, testEnvironment } from './support/test-gateway.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

// Outbound webhooks against real ads-server processes and a real loopback receiver, verified with the
// `standardwebhooks` package as a receiver would. The gateways may call loopback
// (ADS_ALLOW_PRIVATE_URLS=true) because the receiver lives there; the refusal of private targets
// without it is tested below on default settings.

const sandboxTask = (extra: Record<string, unknown> = {}) => ({
  provider: 'sandbox',
  model: 'sandbox-video',
  scene: 'text-to-video',
  prompt: 'a lighthouse at night',
  options: { run_seconds: 0, duration: 1 },
  ...extra,
});

/** A task that fails: its image cannot be read (nothing listens on port 1). */
const failingTask = () => ({
  ...sandboxTask(),
  scene: 'image-to-video',
  image_input: ['http://127.0.0.1:1/missing.png'],
});

const ownSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

async function addEndpoint(gateway: ServerProcess, url: string, events?: string[]): Promise<Json> {
  const created = await gateway.call('POST', '/v1/webhooks', {
    body: { url, ...(events ? { events } : {}) },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

describe.each(storeKinds)('webhooks on %s (ads-server process)', { timeout: 180_000 }, (store) => {
  let receiver: WebhookReceiver;
  let gateway: ServerProcess;
  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    gateway = await startServerProcess({
      store,
      // Retries 500 times faster than in production: 10 ms, 0.6 s, 3.6 s, ...
      environment: { ADS_ALLOW_PRIVATE_URLS: 'true', ADS_POLL_SCALE: '0.002' },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await receiver?.close();
  });

  it('signs every delivery: verified with the endpoint secret, refused with another, fresh timestamps', async () => {
    const endpoint = await addEndpoint(gateway, `${receiver.url}/signed`, [
      'video.task.running',
      'video.task.succeeded',
      'video.task.failed',
    ]);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const listed = await gateway.call('GET', '/v1/webhooks');
    expect(listed.body.data.map((entry: Json) => entry.id)).toContain(endpoint.id);
    expect(listed.body.data.every((entry: Json) => entry.secret === undefined)).toBe(true);

    const succeeded = (await gateway.call('POST', '/v1/videos/generations', { body: sandboxTask() })).body;
    const failed = (await gateway.call('POST', '/v1/videos/generations', { body: failingTask() })).body;
    const eventsOf = (id: string) => receiver.on('/signed').filter((entry) => entry.event.data.id === id);
    await receiver.until(
      () =>
        eventsOf(succeeded.id).some((entry) => entry.event.type === 'video.task.succeeded') &&
        eventsOf(failed.id).some((entry) => entry.event.type === 'video.task.failed'),
    );
    const verifier = new Webhook(endpoint.secret);
    const stranger = new Webhook(ownSecret);
    for (const entry of receiver.on('/signed')) {
      const payload = verifier.verify(entry.body, entry.headers) as Json;
      expect(payload.id).toBe(entry.headers['webhook-id']);
      expect(() => stranger.verify(entry.body, entry.headers)).toThrow(WebhookVerificationError);
      const sentAt = Number(entry.headers['webhook-timestamp']) * 1000;
      expect(Math.abs(entry.at - sentAt)).toBeLessThan(5000);
    }
    expect(eventsOf(succeeded.id).map((entry) => entry.event.type)).toEqual([
      'video.task.running',
      'video.task.succeeded',
    ]);
    const success = eventsOf(succeeded.id).find((entry) => entry.event.type === 'video.task.succeeded');
    const task = success?.event.data as Json;
    expect(task).toMatchObject({ id: succeeded.id, status: 'success', object: 'video.generation.task' });
    // The payload's video link is the gateway's own, and it works.
    const video = await fetch(task.data.videoUrls[0]);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const failure = eventsOf(failed.id).find((entry) => entry.event.type === 'video.task.failed');
    expect((failure?.event.data as Json)?.error.code).toBe('image_unreadable');
    // An edited body no longer verifies.
    const forged = success?.body.replace('"success"', '"failed"') ?? '';
    expect(() => verifier.verify(forged, success?.headers ?? {})).toThrow(WebhookVerificationError);
  });

  it('retries a failing receiver: 500 three times, then 200 — four attempts, one webhook-id', async () => {
    let answered = 0;
    const path = '/flaky';
    receiver.answer = (incoming) => (incoming.path === path ? (++answered <= 3 ? 500 : 200) : 200);
    const endpoint = await addEndpoint(gateway, `${receiver.url}${path}`);
    const created = (await gateway.call('POST', '/v1/videos/generations', { body: sandboxTask() })).body;
    await receiver.until(() => receiver.on(path).some((entry) => entry.status === 200));
    const attempts = receiver.on(path);
    expect(attempts.map((entry) => entry.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(attempts.map((entry) => entry.headers['webhook-id'])).size).toBe(1);
    expect(attempts[0]?.event).toMatchObject({ type: 'video.task.succeeded', data: { id: created.id } });

    const deliveries = await gateway.call('GET', `/v1/webhooks/${endpoint.id}/deliveries`);
    expect(deliveries.status).toBe(200);
    const [delivery] = deliveries.body.data;
    expect(delivery).toMatchObject({
      status: 'delivered',
      event_type: 'video.task.succeeded',
      task_id: created.id,
    });
    expect(delivery.event_id).toBe(attempts[0]?.headers['webhook-id']);
    expect(delivery.attempts.map((attempt: Json) => attempt.status_code)).toEqual([500, 500, 500, 200]);
    expect(delivery.attempts[0].error).toBe('answered HTTP 500');
    expect(delivery.attempts.every((attempt: Json) => attempt.latency_ms >= 0)).toBe(true);

    // Redelivery sends the same event, with the same webhook-id, once more.
    const redelivered = await gateway.call(
      'POST',
      `/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`,
    );
    expect(redelivered.status).toBe(202);
    await receiver.until(() => receiver.on(path).length === 5);
    expect(receiver.on(path)[4]?.headers['webhook-id']).toBe(delivery.event_id);

    // A rotated secret signs what follows; the old one no longer verifies it.
    const rotated = await gateway.call('POST', `/v1/webhooks/${endpoint.id}/rotate-secret`);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    await gateway.call('POST', `/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`);
    await receiver.until(() => receiver.on(path).length === 6);
    const last = receiver.on(path)[5];
    expect(() =>
      new Webhook(rotated.body.secret).verify(last?.body ?? '', last?.headers ?? {}),
    ).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(last?.body ?? '', last?.headers ?? {})).toThrow();

    const removed = await gateway.call('DELETE', `/v1/webhooks/${endpoint.id}`);
    expect(removed.body).toMatchObject({ id: endpoint.id, deleted: true });
    expect((await gateway.call('GET', `/v1/webhooks/${endpoint.id}/deliveries`)).status).toBe(404);
    receiver.answer = () => 200;
  });

  it('sends per-request callbacks on both surfaces, signed with the request’s or the workspace’s secret', async () => {
    const rest = await gateway.call('POST', '/v1/videos/generations', {
      body: sandboxTask({ callback_url: `${receiver.url}/rest-callback`, callback_secret: ownSecret }),
    });
    expect(rest.status).toBe(200);
    const action = await gateway.call('POST', '/api/actions/ai.video.generate', {
      body: {
        provider: 'sandbox',
        prompt: 'a kite over dunes',
        options: { run_seconds: 0, duration: 1 },
        callbackUrl: `${receiver.url}/action-callback`,
      },
    });
    expect(action.status).toBe(200);
    await receiver.until(
      () => receiver.on('/rest-callback').length > 0 && receiver.on('/action-callback').length > 0,
    );

    const [restEvent] = receiver.on('/rest-callback');
    expect(new Webhook(ownSecret).verify(restEvent?.body ?? '', restEvent?.headers ?? {})).toMatchObject({
      type: 'video.task.succeeded',
      data: { id: rest.body.id },
    });
    const signing = await gateway.call('GET', '/v1/webhooks/signing-secret');
    expect(signing.body.secret).toMatch(/^whsec_/);
    const [actionEvent] = receiver.on('/action-callback');
    expect(
      new Webhook(signing.body.secret).verify(actionEvent?.body ?? '', actionEvent?.headers ?? {}),
    ).toMatchObject({ type: 'video.task.succeeded', data: { id: action.body.taskId } });
    // Callbacks get the terminal event only, once.
    expect(receiver.on('/action-callback')).toHaveLength(1);

    const orphanSecret = await gateway.call('POST', '/v1/videos/generations', {
      body: sandboxTask({ callback_secret: ownSecret }),
    });
    expect(orphanSecret.status).toBe(400);
    expect(orphanSecret.body.error.message).toContain('callback_secret');
    const badSecret = await gateway.call('POST', '/api/actions/ai.video.generate', {
      body: { provider: 'sandbox', callbackUrl: `${receiver.url}/x`, callbackSecret: 'hunter2' },
    });
    expect(badSecret.status).toBe(400);
    expect(badSecret.body.error.message).toContain('callbackSecret');
  });
});

describe('private webhook targets (ads-server process, default settings)', { timeout: 120_000 }, () => {
  let receiver: WebhookReceiver;
  let gateway: ServerProcess;
  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    gateway = await startServerProcess({ store: 'sqlite' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await receiver?.close();
  });

  it('refuses an endpoint or a callback that is not public when it is given, and creates nothing', async () => {
    const port = new URL(receiver.url).port;
    for (const url of [
      `${receiver.url}/hook`,
      `http://localhost:${port}/hook`,
      `http://[::1]:${port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/hook',
      'ftp://example.com/hook',
    ]) {
      const refused = await gateway.call('POST', '/v1/webhooks', { body: { url } });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.code, url).toBe('invalid_request');
      expect(refused.body.error.message, url).toMatch(/url/);
    }
    expect((await gateway.call('GET', '/v1/webhooks')).body.data).toEqual([]);

    const before = (await gateway.call('GET', '/v1/account')).body.workspace.balance;
    const refused = await gateway.call('POST', '/v1/videos/generations', {
      body: { ...sandboxTask(), provider: 'sandbox', callback_url: `http://localhost:${port}/cb` },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^callback_url: .*not a public address/);
    const action = await gateway.call('POST', '/api/actions/ai.video.generate', {
      body: { provider: 'sandbox', prompt: 'a lake', callbackUrl: `http://127.0.0.1:${port}/cb` },
    });
    expect(action.status).toBe(400);
    expect(action.body.error.message).toMatch(/^callbackUrl: /);
    expect((await gateway.call('GET', '/v1/account')).body.workspace.balance).toBe(before);
    expect((await gateway.call('GET', '/v1/tasks')).body.data).toEqual([]);
    expect(receiver.received).toHaveLength(0);
  });
});

describe.each(storeKinds)(
  'webhook deliveries across crashes and instances on %s',
  { timeout: 240_000 },
  (store) => {
    let receiver: WebhookReceiver;
    let environment: Record<string, string>;
    /** The key the first start on this store printed; the later starts share the store. */
    let apiKey = '';
    const processes: GatewayProcess[] = [];
    beforeAll(async () => {
      receiver = await new WebhookReceiver().start();
      environment = testEnvironment({
        ...(await freshStoreEnvironment(store)),
        ADS_ALLOW_PRIVATE_URLS: 'true',
        ADS_POLL_SCALE: '0.01',
        ADS_STARTER_CREDITS: '5000',
      });
    });
    afterAll(async () => {
      for (const child of processes) child.child.kill('SIGKILL');
      await receiver?.close();
    });

    it('delivers after a SIGKILL between attempts, with the same webhook-id', async () => {
      const first = await spawnGateway(gatewayBin, environment);
      processes.push(first);
      apiKey = first.firstKey as string;
      const calls = gatewayCalls(first.url, apiKey);
      const path = '/after-crash';
      let down = true;
      receiver.answer = (incoming) => (incoming.path === path && down ? 503 : 200);
      const endpoint = (await calls.call('POST', '/v1/webhooks', { body: { url: `${receiver.url}${path}` } }))
        .body;
      const created = (await calls.call('POST', '/v1/videos/generations', { body: sandboxTask() })).body;
      // The first attempt failed and is recorded: the delivery waits in the outbox for its next one.
      const recorded = async () => {
        const [delivery] = (await calls.call('GET', `/v1/webhooks/${endpoint.id}/deliveries`)).body.data;
        return delivery?.attempts.length > 0 ? delivery : undefined;
      };
      let delivery: Json = await recorded();
      for (const deadline = Date.now() + 60_000; !delivery; delivery = await recorded()) {
        if (Date.now() > deadline) throw new Error('no attempt recorded');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(delivery.status).toBe('pending');
      expect(await first.kill('SIGKILL')).toBeNull();
      down = false;

      const second = await spawnGateway(gatewayBin, environment);
      processes.push(second);
      await receiver.until(() => receiver.on(path).some((entry) => entry.status === 200), 120_000);
      const attempts = receiver.on(path);
      expect(attempts.filter((entry) => entry.status === 200)).toHaveLength(1);
      expect(new Set(attempts.map((entry) => entry.headers['webhook-id']))).toEqual(
        new Set([delivery.event_id]),
      );
      expect(attempts.at(-1)?.event).toMatchObject({
        type: 'video.task.succeeded',
        data: { id: created.id },
      });
      const after = gatewayCalls(second.url, apiKey);
      const [settled] = (await after.call('GET', `/v1/webhooks/${endpoint.id}/deliveries`)).body.data;
      expect(settled.status).toBe('delivered');
      await after.call('DELETE', `/v1/webhooks/${endpoint.id}`);
      await second.kill('SIGTERM');
    });

    it('two instances on one store: exactly one successful delivery per event', async () => {
      const [one, two] = [
        await spawnGateway(gatewayBin, environment),
        await spawnGateway(gatewayBin, environment),
      ];
      processes.push(one, two);
      const path = '/two-instances';
      receiver.answer = () => 200;
      const endpoint = await request<Json>(`${one.url}/v1/webhooks`, 'POST', {
        bearer: apiKey,
        body: { url: `${receiver.url}${path}`, events: ['video.task.running', 'video.task.succeeded'] },
      });
      expect(endpoint.status).toBe(201);
      const count = 30;
      const created = await Promise.all(
        Array.from({ length: count }, (_, index) =>
          request<Json>(`${(index % 2 ? one : two).url}/v1/videos/generations`, 'POST', {
            bearer: apiKey,
            body: sandboxTask({ prompt: `clip ${index}` }),
          }),
        ),
      );
      expect(created.every((answer) => answer.status === 200)).toBe(true);
      await receiver.until(
        () =>
          receiver.on(path).filter((entry) => entry.event.type === 'video.task.succeeded').length >= count,
        180_000,
      );
      const received = receiver.on(path);
      const ids = received.map((entry) => entry.headers['webhook-id']);
      // Each task's two events, each received once: no event sent by both instances.
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(2 * count);
      for (const answer of created) {
        const types = received
          .filter((entry) => entry.event.data.id === answer.body.id)
          .map((entry) => entry.event.type);
        expect(types.sort()).toEqual(['video.task.running', 'video.task.succeeded']);
      }
    });
  },
);
