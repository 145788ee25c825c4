import { type Emulators, startEmulators } from '@ads/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, request, startTestGateway, type TestGateway } from './support/test-gateway.js';

/**
 * The hot routes are served by the lean path and by express alike. A plain request takes the lean
 * path; the same request with an `Origin` header (no CORS is configured, so express only ignores
 * it) takes express. Each pair must answer the same status and body, and the request log must say
 * which way each went.
 */
describe('the lean path answers as express does', () => {
  let emulators: Emulators;
  let gateway: TestGateway;
  const lines: Json[] = [];
  beforeAll(async () => {
    emulators = await startEmulators();
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    gateway = await startTestGateway({
      store: 'sqlite',
      environment: { ...emulators.environment, ADS_BODY_LIMIT: '64kb' },
      logger,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulators?.close();
  });

  const viaExpress = { origin: 'https://app.example.test' };
  const served = (requestId: string | null) =>
    lines.find((line) => line.msg === 'request' && line.requestId === requestId)?.lean === true
      ? 'lean'
      : 'express';
  /** The answer without what differs per request: its id, and the ids and times of a new task. */
  const comparable = (body: Json): Json => {
    if (body?.error) return { ...body, error: { ...body.error, requestId: undefined } };
    if (body && typeof body === 'object') return { keys: Object.keys(body).sort(), status: body.status };
    return body;
  };

  async function both(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; bearer?: string | null } = {},
  ) {
    const bearer = options.bearer === undefined ? gateway.apiKey : options.bearer;
    const lean = await request(`${gateway.url}${path}`, method, { ...options, bearer });
    const express = await request(`${gateway.url}${path}`, method, {
      ...options,
      bearer,
      headers: { ...options.headers, ...viaExpress },
    });
    // The log line is written when the answer finishes; give the writer its turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(served(lean.headers.get('x-request-id'))).toBe('lean');
    expect(served(express.headers.get('x-request-id'))).toBe('express');
    expect({ status: lean.status, body: comparable(lean.body) }).toEqual({
      status: express.status,
      body: comparable(express.body),
    });
    return { lean, express };
  }

  const create = { prompt: 'a lighthouse at dusk', model: 'sandbox/sandbox-video' };
  const routes = [
    ['POST', '/v1/videos/generations', { ...create, scene: 'text-to-video' }],
    ['POST', '/api/actions/ai.video.generate', create],
    ['POST', '/api/actions/ai.video.generate_and_wait', { ...create, timeoutMs: 1 }],
  ] as const;

  it.each(routes)('%s %s: a valid create, and every kind of refusal', async (method, path, valid) => {
    expect((await both(method, path, { body: valid })).lean.status).toBe(200);
    expect((await both(method, path, { body: `\uFEFF${JSON.stringify(valid)}` })).lean.status).toBe(200);
    expect((await both(method, path, { body: '{"prompt":' })).lean.status).toBe(400);
    expect((await both(method, path, { body: '"just text"' })).lean.status).toBe(400);
    expect((await both(method, path, { body: '' })).lean.status).toBe(400);
    expect((await both(method, path, { body: { ...valid, prompt: 'x'.repeat(70_000) } })).lean.status).toBe(
      413,
    );
    expect((await both(method, path, { body: { ...valid, prompt: 'a\u0000b' } })).lean.status).toBe(400);
    expect((await both(method, path, { body: { ...valid, prompt: 42 } })).lean.status).toBe(400);
    expect((await both(method, path, { body: { ...valid, model: 'nobody/nothing' } })).lean.status).toBe(400);
    expect((await both(method, path, { body: valid, bearer: null })).lean.status).toBe(401);
    expect((await both(method, path, { body: valid, bearer: 'sk-not-a-key' })).lean.status).toBe(401);
  });

  it('replays an Idempotency-Key across both ways, and refuses its reuse for another request', async () => {
    const headers = { 'idempotency-key': 'lean-or-not-1' };
    const { lean, express } = await both('POST', '/v1/videos/generations', {
      body: { ...create, scene: 'text-to-video' },
      headers,
    });
    expect(express.body.id).toBe(lean.body.id);
    const conflict = await both('POST', '/v1/videos/generations', {
      body: { ...create, scene: 'text-to-video', prompt: 'another clip' },
      headers,
    });
    expect(conflict.lean.status).toBe(409);
  });

  it('reads a task, refuses an unknown or malformed id, and queries by action', async () => {
    const task = await gateway.call('POST', '/v1/videos/generations', {
      body: { ...create, scene: 'text-to-video' },
    });
    const read = await both('GET', `/v1/tasks/${task.body.id}`);
    expect(read.lean.body).toEqual(read.express.body);
    expect((await both('GET', '/v1/tasks/00000000-0000-4000-8000-000000000000')).lean.status).toBe(404);
    expect((await both('GET', '/v1/tasks/not-a-task-id')).lean.status).toBe(400);
    const query = await both('POST', '/api/actions/ai.video.query', { body: { taskId: task.body.id } });
    expect(query.lean.body).toEqual(query.express.body);
    expect(
      (await both('POST', '/api/actions/ai.video.query', { body: { taskId: 'nope' } })).lean.status,
    ).toBe(400);
  });

  it('downloads a stored video and refuses bad links and unknown files alike', async () => {
    const done = await gateway.call('POST', '/api/actions/ai.video.generate_and_wait', {
      body: { ...create, timeoutMs: 120_000 },
    });
    expect(done.body.status).toBe('success');
    const link = new URL(done.body.videos[0].url);
    const fetchBoth = async (path: string, headers: Record<string, string> = {}) => {
      const lean = await fetch(`${gateway.url}${path}`, { headers });
      const express = await fetch(`${gateway.url}${path}`, { headers: { ...headers, ...viaExpress } });
      const bytes = async (answer: Response) => Buffer.from(await answer.arrayBuffer());
      const [leanBytes, expressBytes] = [await bytes(lean), await bytes(express)];
      await new Promise((resolve) => setImmediate(resolve));
      expect(served(lean.headers.get('x-request-id'))).toBe('lean');
      expect(served(express.headers.get('x-request-id'))).toBe('express');
      const facts = (answer: Response) =>
        [
          'content-type',
          'content-length',
          'content-range',
          'etag',
          'content-disposition',
          'x-frame-options',
        ].map((name) => answer.headers.get(name));
      expect({ status: lean.status, facts: facts(lean) }).toEqual({
        status: express.status,
        facts: facts(express),
      });
      if (lean.status < 400) expect(leanBytes.equals(expressBytes)).toBe(true);
      return lean;
    };
    expect((await fetchBoth(`${link.pathname}${link.search}`)).status).toBe(200);
    expect((await fetchBoth(`${link.pathname}${link.search}`, { range: 'bytes=10-99' })).status).toBe(206);
    const bearer = { authorization: `Bearer ${gateway.apiKey}` };
    expect((await fetchBoth(link.pathname, bearer)).status).toBe(200);
    expect((await fetchBoth(`${link.pathname}?expires=1&signature=forged`)).status).toBe(403);
    expect((await fetchBoth(`${link.pathname}?signature=a&signature=b`, bearer)).status).toBe(200);
    expect((await fetchBoth('/v1/files/file_Q2xpcEFkc0dhdGV3YXkxMjM0/content', bearer)).status).toBe(404);
  });
});
