import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, InternalServerError } from '../src/index.js';
import { startFlakyProxy } from './support/flaky-proxy.js';
import { useGateway } from './support/gateway.js';

const setup = useGateway();
afterEach(() => nock.cleanAll());

async function balance(): Promise<number> {
  return (await setup.ads.account.get()).workspace.balance;
}

async function taskCount(): Promise<number> {
  return (await setup.ads.tasks.list({ limit: 100 })).data.length;
}

describe('retries', () => {
  it('retries a create whose answer was lost (503 after the gateway acted) under one key: one task, one charge', async () => {
    const proxy = await startFlakyProxy(setup.gateway.url, (request, index) =>
      request.method === 'POST' && index < 2 ? { when: 'after', status: 503 } : undefined,
    );
    try {
      const [tasksBefore, balanceBefore] = [await taskCount(), await balance()];
      const submitsBefore = setup.gateway.emulators.kie.core.stats.submits;
      const client = createClient({ baseUrl: proxy.url, apiKey: setup.gateway.apiKey, maxRetries: 3 });
      const task = await client.actions.generate({ prompt: 'kie, exactly once', scene: 'text-to-video' });
      expect(task.provider).toBe('kie');
      const creates = proxy.requests.filter((request) => request.method === 'POST');
      expect(creates).toHaveLength(3);
      const keys = new Set(creates.map((request) => request.headers['idempotency-key']));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^ads-sdk-/);
      expect(await taskCount()).toBe(tasksBefore + 1);
      expect(await balance()).toBe(balanceBefore - 6);
      expect(setup.gateway.emulators.kie.core.stats.submits - submitsBefore).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('honours Retry-After on a 503 (nock on the global fetch), then succeeds with the same key', async () => {
    const seenKeys: string[] = [];
    nock(setup.gateway.url, { allowUnmocked: true })
      .post('/api/actions/ai.video.generate')
      .reply(function reply() {
        seenKeys.push(String(this.req.headers['idempotency-key']));
        return [503, { error: { code: 'unavailable', message: 'restarting' } }, { 'Retry-After': '0' }];
      });
    const tasksBefore = await taskCount();
    const { data: task, response } = await setup.ads.actions
      .generate({ prompt: 'after a restart', provider: 'sandbox' }, { idempotencyKey: 'nock-key-1' })
      .withResponse();
    expect(response.status).toBe(200);
    expect(seenKeys).toEqual(['nock-key-1']);
    expect(nock.isDone()).toBe(true);
    expect(task.status).toMatch(/pending|running/);
    expect(await taskCount()).toBe(tasksBefore + 1);
  });

  it('retries reads on a network failure', async () => {
    nock(setup.gateway.url, { allowUnmocked: true }).get('/v1/account').replyWithError('socket hang up');
    const account = await setup.ads.account.get();
    expect(account.workspace.id).toBeTruthy();
    expect(nock.isDone()).toBe(true);
  });

  it('never repeats a cancel or a top-up, even when their answer is lost', async () => {
    const proxy = await startFlakyProxy(setup.gateway.url, (request) =>
      request.method === 'POST' ? { when: 'after', status: 503 } : undefined,
    );
    try {
      const workspace = await setup.ads.admin.workspaces.create({ name: 'topped-once', credits: 0 });
      const admin = createClient({ baseUrl: proxy.url, adminToken: setup.gateway.adminToken, maxRetries: 3 });
      const error = await admin.admin.workspaces.addCredits(workspace.id, { amount: 10 }).catch((e) => e);
      expect(InternalServerError.isInstance(error)).toBe(true);
      expect(proxy.requests).toHaveLength(1);
      const { data } = await setup.ads.admin.workspaces.list();
      expect(data.find((each) => each.id === workspace.id)?.balance).toBe(10);

      const task = await setup.ads.actions.generate({
        prompt: 'to cancel',
        provider: 'sandbox',
        options: { run_seconds: 60 },
      });
      const client = createClient({ baseUrl: proxy.url, apiKey: setup.gateway.apiKey, maxRetries: 3 });
      const cancelError = await client.actions.cancel(task.taskId).catch((e) => e);
      expect(InternalServerError.isInstance(cancelError)).toBe(true);
      expect(proxy.requests).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});
