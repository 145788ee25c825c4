import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningGateway } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdsClient, createClient } from '../src/index.js';
import { verifyWebhook, WebhookVerificationError } from '../src/webhooks/index.js';
import { startGateway } from './support/gateway.js';

describe('webhooks through the SDK (ads-server process, a loopback receiver)', () => {
  let gateway: RunningGateway;
  let ads: AdsClient;
  const received: { body: Buffer; headers: IncomingHttpHeaders }[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks), headers: request.headers });
      response.writeHead(200).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    gateway = await startGateway({ ADS_ALLOW_PRIVATE_URLS: 'true' });
    ads = createClient({ baseUrl: gateway.url, apiKey: gateway.apiKey });
  });
  afterAll(async () => {
    await gateway?.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('adds an endpoint, and verifyWebhook accepts its deliveries and refuses anything else', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    const endpoint = await ads.webhooks.create({ url });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const task = await ads.generateAndWait({
      prompt: 'a paper boat',
      provider: 'sandbox',
      options: { run_seconds: 0, duration: 1 },
    });
    expect(task.status).toBe('success');
    for (let waited = 0; received.length === 0 && waited < 30_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [delivery] = received;
    if (!delivery) throw new Error('no delivery arrived');
    const event = verifyWebhook(delivery.body, delivery.headers, endpoint.secret);
    expect(event).toMatchObject({
      type: 'video.task.succeeded',
      data: { id: task.taskId, status: 'success' },
    });
    expect(event.id).toBe(delivery.headers['webhook-id']);
    // The raw text and a fetch Headers work too.
    const headers = new Headers(delivery.headers as Record<string, string>);
    expect(verifyWebhook(delivery.body.toString('utf8'), headers, endpoint.secret).id).toBe(event.id);

    const other = `whsec_${Buffer.alloc(24, 3).toString('base64')}`;
    expect(() => verifyWebhook(delivery.body, delivery.headers, other)).toThrow(WebhookVerificationError);
    const edited = delivery.body.toString('utf8').replace('"success"', '"failed"');
    expect(() => verifyWebhook(edited, delivery.headers, endpoint.secret)).toThrow(WebhookVerificationError);
    const stale = { ...delivery.headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) };
    expect(() => verifyWebhook(delivery.body, stale, endpoint.secret)).toThrow(WebhookVerificationError);

    const deliveries = await ads.webhooks.deliveries(endpoint.id);
    expect(deliveries.data[0]).toMatchObject({ event_id: event.id, status: 'delivered' });
    expect((await ads.webhooks.list()).data.map((entry) => entry.id)).toEqual([endpoint.id]);
    const signing = await ads.webhooks.signingSecret();
    const rotated = await ads.webhooks.rotateSigningSecret();
    expect(rotated.secret).not.toBe(signing.secret);
    await ads.webhooks.remove(endpoint.id);
    expect((await ads.webhooks.list()).data).toEqual([]);
  });
});
