import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, UpstreamHttpError } from '../src/index.js';

const origin = 'https://upstream.test';
let agent: MockAgent;
let client: HttpClient;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  client = new HttpClient({
    dispatcher: agent,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    userAgent: 'ads-test',
  });
});
afterEach(() => agent.close());

describe('HttpClient', () => {
  it('sends JSON with the user agent and parses the answer', async () => {
    let seen: { headers: unknown; body: unknown } | undefined;
    agent
      .get(origin)
      .intercept({ path: '/jobs', method: 'POST' })
      .reply(200, (options) => {
        seen = { headers: options.headers, body: JSON.parse(String(options.body)) };
        return { ok: true };
      });
    const response = await client.send({
      method: 'POST',
      url: `${origin}/jobs`,
      body: { a: 1 },
      idempotent: false,
    });
    expect(response).toMatchObject({ status: 200, json: { ok: true } });
    expect(seen?.body).toEqual({ a: 1 });
    expect(seen?.headers).toMatchObject({ 'user-agent': 'ads-test', 'content-type': 'application/json' });
  });

  it('retries a read on 503 and 429 (honouring Retry-After), then returns the success', async () => {
    const pool = agent.get(origin);
    pool.intercept({ path: '/status' }).reply(503, 'busy');
    pool.intercept({ path: '/status' }).reply(429, 'slow down', { headers: { 'retry-after': '0' } });
    pool.intercept({ path: '/status' }).reply(200, { state: 'done' });
    const response = await client.send({ method: 'GET', url: `${origin}/status`, idempotent: true });
    expect(response.json).toEqual({ state: 'done' });
    agent.assertNoPendingInterceptors();
  });

  it('returns the last error answer once the retries are spent', async () => {
    agent.get(origin).intercept({ path: '/status' }).reply(500, 'nope').times(3);
    const response = await client.send({ method: 'GET', url: `${origin}/status`, idempotent: true });
    expect(response).toMatchObject({ status: 500, text: 'nope', json: undefined });
  });

  it('never retries a submit, even on 503', async () => {
    const pool = agent.get(origin);
    pool.intercept({ path: '/jobs', method: 'POST' }).reply(503, 'busy');
    pool.intercept({ path: '/jobs', method: 'POST' }).reply(200, { created: 'twice' });
    const response = await client.send({
      method: 'POST',
      url: `${origin}/jobs`,
      body: {},
      idempotent: false,
    });
    expect(response.status).toBe(503);
    expect(agent.pendingInterceptors()).toHaveLength(1);
  });

  it('turns a connection failure into a retryable UpstreamHttpError', async () => {
    agent.get(origin).intercept({ path: '/status' }).replyWithError(new Error('socket hang up')).times(3);
    const failure = await client
      .send({ method: 'GET', url: `${origin}/status`, idempotent: true })
      .catch((error) => error);
    expect(UpstreamHttpError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'upstream_unavailable', isRetryable: true });
    expect(failure.message).toContain('GET https://upstream.test failed');
  });

  it('stops at once when the caller aborts', async () => {
    agent.get(origin).intercept({ path: '/status' }).reply(503, 'busy').times(3);
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    const failure = await client
      .send({ method: 'GET', url: `${origin}/status`, idempotent: true, signal: controller.signal })
      .catch((error) => error);
    expect(failure).toMatchObject({ isRetryable: false });
  });
});
