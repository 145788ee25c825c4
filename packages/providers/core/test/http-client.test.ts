import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, parseRetryAfter, UpstreamHttpError } from '../src/index.js';

const origin = 'https://upstream.test';
let agent: MockAgent;
let client: HttpClient;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  client = new HttpClient({ dispatcher: agent, userAgent: 'ads-test' });
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
    });
    expect(response).toMatchObject({ status: 200, json: { ok: true } });
    expect(seen?.body).toEqual({ a: 1 });
    expect(seen?.headers).toMatchObject({ 'user-agent': 'ads-test', 'content-type': 'application/json' });
  });

  it('sends one request per call, a read as much as a submit: retrying is the engine’s decision', async () => {
    const pool = agent.get(origin);
    pool.intercept({ path: '/status' }).reply(429, 'slow down', { headers: { 'retry-after': '30' } });
    pool.intercept({ path: '/status' }).reply(200, { state: 'done' });
    pool.intercept({ path: '/jobs', method: 'POST' }).reply(503, 'busy');
    pool.intercept({ path: '/jobs', method: 'POST' }).reply(200, { created: 'twice' });
    const read = await client.send({ method: 'GET', url: `${origin}/status` });
    expect(read).toMatchObject({ status: 429, text: 'slow down', headers: { 'retry-after': '30' } });
    const submit = await client.send({ method: 'POST', url: `${origin}/jobs`, body: {} });
    expect(submit.status).toBe(503);
    expect(agent.pendingInterceptors()).toHaveLength(2);
  });

  it('reads Retry-After as the upstream gives it, in seconds or as a date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Wed, 01 Dec 2027 00:01:00 GMT', Date.parse('2027-12-01T00:00:00Z'))).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('turns a connection failure into a retryable UpstreamHttpError', async () => {
    agent.get(origin).intercept({ path: '/status' }).replyWithError(new Error('socket hang up'));
    const failure = await client.send({ method: 'GET', url: `${origin}/status` }).catch((error) => error);
    expect(UpstreamHttpError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'upstream_unavailable', isRetryable: true });
    expect(failure.message).toContain('GET https://upstream.test failed');
  });

  it('stops at once when the caller aborts', async () => {
    agent.get(origin).intercept({ path: '/status' }).reply(503, 'busy');
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    const failure = await client
      .send({ method: 'GET', url: `${origin}/status`, signal: controller.signal })
      .catch((error) => error);
    expect(failure).toMatchObject({ isRetryable: false });
  });
});
