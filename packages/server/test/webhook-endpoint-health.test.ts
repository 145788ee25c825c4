import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointsFor, insertDeliveries } from '../src/store/webhook-repository.js';
import { storeKinds } from './support/stores.js';
import { type Json, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

// A day of failures on a clock the test moves: the gateway in-process (its runner off, the sender
// driven one look at a time), a real store, a real receiver over HTTP.

describe.each(storeKinds)('a failing webhook endpoint on %s', { timeout: 120_000 }, (store) => {
  let receiver: WebhookReceiver;
  let gateway: TestGateway;
  let offsetMs = 0;
  const clock = () => Date.now() + offsetMs;
  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    gateway = await startTestGateway({
      store,
      now: clock,
      startRunner: false,
      // The production retry schedule, unscaled: the clock is moved, not waited on.
      environment: { ADS_ALLOW_PRIVATE_URLS: 'true', ADS_POLL_SCALE: '1' },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await receiver?.close();
  });

  /** Queues one event for the endpoint, as a task's change would. */
  const queue = async (endpoint: Json, eventId: string) => {
    await insertDeliveries(gateway.gateway.store.db, [
      {
        eventId,
        eventType: 'video.task.succeeded',
        workspaceId: gateway.workspaceId,
        taskId: `task-of-${eventId}`,
        endpointId: endpoint.id,
        url: endpoint.url,
        secret: null,
        payload: {
          id: eventId,
          type: 'video.task.succeeded',
          timestamp: new Date(clock()).toISOString(),
          data: {},
        },
        now: clock(),
      },
    ]);
  };

  /** Sends, then moves the clock to the delivery's next attempt, until it has none. */
  const sendUntilDone = async (eventId: string) => {
    for (let looks = 0; looks < 20; looks += 1) {
      await gateway.gateway.webhooks.sendDueOnce();
      const row = await gateway.gateway.store.db
        .selectFrom('webhook_deliveries')
        .select(['status', 'next_attempt_at'])
        .where('event_id', '=', eventId)
        .executeTakeFirstOrThrow();
      if (row.next_attempt_at === null) return row.status;
      offsetMs += Math.max(0, Number(row.next_attempt_at) - clock()) + 1;
    }
    throw new Error('the delivery never ended');
  };

  it('retries for over a day, then disables the endpoint and says so on the next API read', async () => {
    receiver.answer = ({ path }) => (path === '/down' ? 500 : 200);
    const endpoint = (await gateway.call('POST', '/v1/webhooks', { body: { url: `${receiver.url}/down` } }))
      .body;
    expect((await gateway.call('GET', '/v1/account')).body.webhooks_disabled).toBe(false);
    const startedAt = clock();
    await queue(endpoint, 'evt_down');
    expect(await sendUntilDone('evt_down')).toBe('failed');

    const attempts = receiver.on('/down');
    expect(attempts).toHaveLength(8);
    expect(new Set(attempts.map((entry) => entry.headers['webhook-id']))).toEqual(new Set(['evt_down']));
    // Attempts 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h apart on the gateway's clock.
    const sentAt = attempts.map((entry) => Number(entry.headers['webhook-timestamp']));
    const pauses = sentAt.slice(1).map((at, index) => at - (sentAt[index] ?? 0));
    expect(pauses.map((seconds) => Math.round(seconds / 5) * 5)).toEqual([
      5, 300, 1800, 7200, 18000, 36000, 36000,
    ]);
    expect(clock() - startedAt).toBeGreaterThan(24 * 3_600_000);

    const account = (await gateway.call('GET', '/v1/account')).body;
    expect(account.webhooks_disabled).toBe(true);
    const listed = (await gateway.call('GET', '/v1/webhooks')).body;
    expect(listed.webhooks_disabled).toBe(true);
    expect(listed.data[0]).toMatchObject({ id: endpoint.id, disabled: true });
    expect(listed.data[0].disabled_at).not.toBeNull();
    // Nothing more is queued for it.
    expect(await endpointsFor(gateway.gateway.store.db, gateway.workspaceId, 'video.task.succeeded')).toEqual(
      [],
    );
    const metrics = await fetch(`${gateway.url}/metrics`).then((answer) => answer.text());
    expect(metrics).toMatch(/^ads_webhook_endpoints_disabled_total 1$/m);
    await gateway.call('DELETE', `/v1/webhooks/${endpoint.id}`);
  });

  it('a receiver that recovers within the day stays enabled, its failing mark cleared', async () => {
    let failures = 0;
    receiver.answer = ({ path }) => (path === '/flaky' && failures++ < 3 ? 503 : 200);
    const endpoint = (await gateway.call('POST', '/v1/webhooks', { body: { url: `${receiver.url}/flaky` } }))
      .body;
    await queue(endpoint, 'evt_flaky');
    expect(await sendUntilDone('evt_flaky')).toBe('delivered');
    expect(receiver.on('/flaky').map((entry) => entry.status)).toEqual([503, 503, 503, 200]);
    const [listed] = (await gateway.call('GET', '/v1/webhooks')).body.data;
    expect(listed).toMatchObject({ id: endpoint.id, disabled: false, failing_since: null });
  });
});
