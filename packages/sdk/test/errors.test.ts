import { createServer, type Server } from 'node:http';
import { freePort } from '@ads/testing';
import { describe, expect, it } from 'vitest';
import {
  AdsError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ConnectionTimeoutError,
  createClient,
  InsufficientCreditsError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../src/index.js';
import { startFlakyProxy } from './support/flaky-proxy.js';
import { useGateway } from './support/gateway.js';

const setup = useGateway();

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('each published error class from a real answer', () => {
  it('400 → BadRequestError with the field issues', async () => {
    const error = await caught(setup.ads.actions.generate({ prompt: 'x', scene: 'sideways' as never }));
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((error as BadRequestError).issues.map((issue) => issue.path)).toContain('scene');
    expect((error as BadRequestError).requestId).toBeTruthy();
  });

  it('401 → AuthenticationError', async () => {
    const stranger = createClient({ baseUrl: setup.gateway.url, apiKey: 'sk-not-a-real-key' });
    const error = await caught(stranger.account.get());
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('402 → InsufficientCreditsError with the balance and the price', async () => {
    const poor = await setup.ads.admin.workspaces.create({ name: 'poor', credits: 0 });
    const key = await setup.ads.admin.keys.create({ workspace_id: poor.id });
    const client = createClient({ baseUrl: setup.gateway.url, apiKey: key.api_key });
    const error = await caught(client.actions.generate({ prompt: 'a paid video', scene: 'text-to-video' }));
    expect(InsufficientCreditsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 402, code: 'insufficient_credits', balance: 0, price: 6 });
  });

  it('403 → PermissionDeniedError for a workspace outside the key’s reach', async () => {
    const elsewhere = await setup.ads.admin.workspaces.create({ name: 'elsewhere' });
    const error = await caught(setup.ads.account.get({ workspace_id: elsewhere.id }));
    expect(PermissionDeniedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('404 → NotFoundError', async () => {
    const error = await caught(setup.ads.actions.query('00000000-0000-4000-8000-000000000000'));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('409 → ConflictError when an idempotency key is reused with another body', async () => {
    const idempotencyKey = 'sdk-conflict-key';
    await setup.ads.actions.generate({ prompt: 'first', provider: 'sandbox' }, { idempotencyKey });
    const error = await caught(
      setup.ads.actions.generate({ prompt: 'second', provider: 'sandbox' }, { idempotencyKey }),
    );
    expect(ConflictError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 409, code: 'idempotency_conflict' });
  });

  it('429 → RateLimitError and 503 → InternalServerError once retries run out', async () => {
    const proxy = await startFlakyProxy(setup.gateway.url, (request) =>
      request.path.startsWith('/v1/account')
        ? { when: 'before', status: 429, headers: { 'retry-after': '0' } }
        : { when: 'before', status: 503 },
    );
    try {
      const client = createClient({ baseUrl: proxy.url, apiKey: setup.gateway.apiKey, maxRetries: 1 });
      const limited = await caught(client.account.get());
      expect(RateLimitError.isInstance(limited)).toBe(true);
      expect(limited).toMatchObject({ status: 429, code: 'unavailable' });
      const failed = await caught(client.models.list());
      expect(InternalServerError.isInstance(failed)).toBe(true);
      expect(ApiError.isInstance(failed)).toBe(true);
      expect(proxy.requests).toHaveLength(4);
    } finally {
      await proxy.close();
    }
  });

  it('a refused connection → ConnectionError', async () => {
    const port = await freePort();
    const client = createClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'sk-x', maxRetries: 0 });
    const error = await caught(client.account.get());
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(ApiError.isInstance(error)).toBe(false);
  });

  it('no answer in time → ConnectionTimeoutError', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address() as { port: number };
    try {
      const client = createClient({ baseUrl: `http://127.0.0.1:${address.port}`, maxRetries: 0 });
      const error = await caught(client.account.get(undefined, { timeoutMs: 200 }));
      expect(ConnectionTimeoutError.isInstance(error)).toBe(true);
      expect(ConnectionError.isInstance(error)).toBe(true);
      expect(AdsError.isInstance(error)).toBe(true);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
