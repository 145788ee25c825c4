import { type Emulators, freePort, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFacts } from './support/ledger.js';
import { priceFileText, writePriceFile } from './support/price-files.js';
import { storeKinds } from './support/stores.js';
import { startTestGateway, type TestGateway, waitForEnd } from './support/test-gateway.js';

const kieMini = {
  model: 'kie/bytedance/seedance-2-mini',
  scene: 'text-to-video',
  prompt: 'a lighthouse at dusk',
};
const falSeedance = {
  model: 'fal/bytedance/seedance-2.0/text-to-video',
  scene: 'text-to-video',
  prompt: 'waves',
};

describe.each(storeKinds)('prices on %s', (store) => {
  let emulators: Emulators;
  let gateway: TestGateway;
  beforeAll(async () => {
    const port = await freePort();
    // fal sends every webhook three times: the settle (and its adjustment) must still happen once.
    emulators = await startEmulators({ fal: { webhookDeliveries: 3 } });
    gateway = await startTestGateway({
      store,
      environment: {
        ...emulators.environment,
        PORT: String(port),
        ADS_PUBLIC_URL: `http://127.0.0.1:${port}`,
        ADS_PRICES_FILE: writePriceFile(priceFileText),
      },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulators?.close();
  });

  async function workspaceWithKey(credits: number, limits: Record<string, unknown> = {}) {
    const workspace = await gateway.admin('POST', '/v1/admin/workspaces', { name: `w${credits}`, credits });
    const key = await gateway.admin('POST', '/v1/admin/keys', { workspace_id: workspace.body.id, ...limits });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    const apiKey = key.body.api_key as string;
    return {
      workspaceId: workspace.body.id as string,
      keyId: key.body.id as string,
      apiKey,
      call: (method: string, route: string, body?: unknown) => gateway.call(method, route, { apiKey, body }),
    };
  }

  it('quotes what the create reserves and the ledger holds, and a short balance names the price', async () => {
    const { workspaceId, call } = await workspaceWithKey(100);
    const body = { ...kieMini, options: { duration: 8 } };
    const quote = await call('POST', '/v1/videos/quote', body);
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    expect(quote.body).toMatchObject({
      object: 'video.quote',
      model: 'kie/bytedance/seedance-2-mini',
      credits: 16,
      balance: 100,
      accepted: true,
      refusal: null,
      basis: {
        source: 'rule',
        rule: 'kie/bytedance/seedance-2-mini',
        per: 'second',
        seconds: 8,
        open: false,
      },
    });
    const action = await call('POST', '/api/actions/ai.video.quote', {
      model: 'kie/bytedance/seedance-2-mini',
      prompt: 'a lighthouse at dusk',
      options: { duration: 8 },
    });
    expect(action.body.credits).toBe(16);
    // Nothing was created or reserved by either quote.
    expect((await ledgerFacts(gateway.gateway.store, workspaceId)).entries).toHaveLength(1);

    const created = await call('POST', '/v1/videos/generations', body);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.credits).toBe(16);
    const ledger = await ledgerFacts(gateway.gateway.store, workspaceId);
    expect(ledger.entries.find((entry) => entry.task_id === created.body.id)).toMatchObject({
      kind: 'reserve',
      amount: -16,
    });
    expect(ledger.balance).toBe(84);
    const page = await call('GET', `/v1/ledger?task_id=${created.body.id}`);
    expect(page.body.data).toEqual([expect.objectContaining({ kind: 'reserve', amount: -16 })]);

    // The minimum: 3 s at 2 credits a second is 6, the rule's least is 10.
    expect(
      (await call('POST', '/v1/videos/quote', { ...kieMini, options: { duration: 3 } })).body.credits,
    ).toBe(10);

    const poor = await workspaceWithKey(12);
    const refused = await poor.call('POST', '/v1/videos/quote', body);
    expect(refused.body).toMatchObject({
      accepted: false,
      credits: 16,
      balance: 12,
      refusal: { code: 'insufficient_credits', details: { price: 16, balance: 12 } },
    });
    const short = await poor.call('POST', '/v1/videos/generations', body);
    expect(short.status).toBe(402);
    expect(short.body.error).toMatchObject({
      code: 'insufficient_credits',
      details: { price: 16, balance: 12 },
    });
    expect(short.body.error.message).toContain('costs 16 credits');
    expect((await ledgerFacts(gateway.gateway.store, poor.workspaceId)).balance).toBe(12);
  });

  it('lists each model with its price for the workspace', async () => {
    const { call } = await workspaceWithKey(10);
    const models = await call('GET', '/v1/models?search=seedance-2');
    const byId = new Map<string, { credits: Record<string, number>; pricing: Record<string, unknown> }>(
      models.body.data.map((model: { id: string }) => [model.id, model]),
    );
    expect(byId.get('kie/bytedance/seedance-2-mini')).toMatchObject({
      // The model's default duration is 5 s: 10 credits, which is also the minimum.
      credits: { 'text-to-video': 10 },
      pricing: { source: 'rule', per: 'second', credits: 2, minimum: 10 },
    });
    expect(byId.get('fal/bytedance/seedance-2.0/text-to-video')?.pricing).toMatchObject({
      source: 'rule',
      rule: 'fal/bytedance/seedance-2.0/*',
      max_seconds: 15,
      multiply: { resolution: { '1080p': 2 } },
    });
    // No rule: the scene prices, which differ by scene.
    expect(byId.get('kie/bytedance/seedance-2')).toMatchObject({
      credits: { 'text-to-video': 6, 'image-to-video': 8 },
      pricing: { source: 'scene', credits: null },
    });
    expect(byId.get('kie/bytedance/seedance-2')?.pricing.formula).toContain(
      '6 credits per text-to-video video',
    );
  });

  it('reserves the longest length for auto and gives back the difference once, whatever the webhooks', async () => {
    const { workspaceId, call } = await workspaceWithKey(500);
    const body = { ...falSeedance, options: { duration: 'auto', resolution: '1080p' } };
    // 3 credits a second ×2 at 1080p, and 4 a second for its audio (on by default), for the model's
    // longest 15 s.
    const quote = await call('POST', '/v1/videos/quote', body);
    expect(quote.body).toMatchObject({ credits: 150, basis: { open: true, seconds: 15, rate: 6, add: 4 } });
    const created = await Promise.all([
      call('POST', '/v1/videos/generations', body),
      // No duration at all: fal's own default is auto, so the length is open as well.
      call('POST', '/v1/videos/generations', { ...falSeedance, options: { audio: false } }),
    ]);
    for (const answer of created) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(created.map((answer) => answer.body.credits)).toEqual([150, 45]);
    const finished = await Promise.all(
      created.map((answer) =>
        waitForEnd({ ...gateway, call: (m, p, o) => call(m, p, o?.body) }, answer.body.id as string),
      ),
    );
    // The emulated video lasts 1 s: (6 + 4) × 1 = 10 credits, and 3 × 1 = 3 lifted to the minimum 5.
    expect(finished.map((task) => [task.status, task.credits])).toEqual([
      ['success', 10],
      ['success', 5],
    ]);
    // Every webhook arrived three times; wait for all of them before counting.
    await emulators.fal.core.until((core) => core.stats.webhooksSent >= 6, 30_000);
    const ledger = await ledgerFacts(gateway.gateway.store, workspaceId);
    const expected = [
      [
        ['reserve', -150],
        ['adjust', 140],
      ],
      [
        ['reserve', -45],
        ['adjust', 40],
      ],
    ];
    expect(
      finished.map((task) =>
        ledger.entries
          .filter((entry) => entry.task_id === task.id)
          .map((entry) => [entry.kind, Number(entry.amount)]),
      ),
    ).toEqual(expected);
    expect(ledger.balance).toBe(500 - 10 - 5);
    expect(ledger.sum).toBe(ledger.balance);
    const adjustments = await call('GET', '/v1/ledger?kind=adjust');
    expect(adjustments.body.data).toHaveLength(2);
  });

  it('holds a spend limit and a rate limit to the request under 50 concurrent calls', async () => {
    // The sandbox (free without a rule) costs 6 credits a video here: 60 a day is exactly 10 tasks.
    const limited = await workspaceWithKey(1000, { spend_limit: 60, spend_period: 'day' });
    const sandbox = { model: 'sandbox/sandbox-video', scene: 'text-to-video', prompt: 'a red ball' };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => limited.call('POST', '/api/actions/ai.video.generate', sandbox)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 402)).toHaveLength(40);
    const refusal = answers.find((answer) => answer.status === 402)?.body.error;
    expect(refusal).toMatchObject({
      code: 'spend_limit_exceeded',
      details: { limit: 60, spent: 60, price: 6, period: 'day' },
    });
    expect(Date.parse(refusal.details.resets_at)).toBeGreaterThan(Date.now());
    expect(refusal.message).toContain('resets');
    const ledger = await ledgerFacts(gateway.gateway.store, limited.workspaceId);
    expect(ledger.balance).toBe(1000 - 60);
    const quote = await limited.call('POST', '/v1/videos/quote', sandbox);
    expect(quote.body).toMatchObject({ accepted: false, refusal: { code: 'spend_limit_exceeded' } });

    // Raised by the operator: the key may spend again, from what it really spent.
    const raised = await gateway.admin('PATCH', `/v1/admin/keys/${limited.keyId}`, { spend_limit: 66 });
    expect(raised.body).toMatchObject({ spend_limit: 66, spend_period: 'day' });
    const more = await Promise.all(
      Array.from({ length: 5 }, () => limited.call('POST', '/api/actions/ai.video.generate', sandbox)),
    );
    expect(more.filter((answer) => answer.status === 200)).toHaveLength(1);

    const throttled = await workspaceWithKey(10, { rate_limit: '20/hour' });
    const reads = await Promise.all(Array.from({ length: 50 }, () => throttled.call('GET', '/v1/account')));
    expect(reads.filter((answer) => answer.status === 200)).toHaveLength(20);
    const limitedReads = reads.filter((answer) => answer.status === 429);
    expect(limitedReads).toHaveLength(30);
    const retryAfter = Number(limitedReads[0]?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(180);
    expect(limitedReads[0]?.body.error).toMatchObject({
      code: 'rate_limited',
      details: { limit: '20/hour' },
    });
  });

  it('refuses a key limit it cannot keep with a precise 400', async () => {
    const workspace = await gateway.admin('POST', '/v1/admin/workspaces', { name: 'limits', credits: 0 });
    const noPeriod = await gateway.admin('POST', '/v1/admin/keys', {
      workspace_id: workspace.body.id,
      spend_limit: 5,
    });
    expect(noPeriod.status).toBe(400);
    expect(noPeriod.body.error.message).toContain('needs its period');
    const badRate = await gateway.admin('POST', '/v1/admin/keys', {
      workspace_id: workspace.body.id,
      rate_limit: '60 per minute',
    });
    expect(badRate.status).toBe(400);
    expect(JSON.stringify(badRate.body.error)).toContain('60/min');
  });
});
