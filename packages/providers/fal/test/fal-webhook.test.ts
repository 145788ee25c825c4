import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { WebhookVerificationError } from '@ads/provider';
import { afterAll, describe, expect, it } from 'vitest';
import { FalJwksCache } from '../src/index.js';
import { mockedFal, restOrigin } from './fal-mock.js';

const nowSeconds = 1_767_225_600;
const signing = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const jwk = signing.publicKey.export({ format: 'jwk' });

const mock = mockedFal(() => nowSeconds * 1000);
mock.reply(restOrigin, 'GET', '/.well-known/jwks.json', 200, {
  keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: 'k1' }],
});
afterAll(() => mock.agent.close());

const successBody = {
  request_id: '123e4567-e89b-12d3-a456-426614174000',
  gateway_request_id: '123e4567-e89b-12d3-a456-426614174000',
  status: 'OK',
  payload: {
    video: {
      url: 'https://v3.fal.media/files/output.mp4',
      content_type: 'video/mp4',
      file_name: 'output.mp4',
      file_size: 4404019,
    },
  },
};

function signedRequest(
  body: unknown,
  options: { timestamp?: number; key?: typeof signing.privateKey; rawBody?: Buffer } = {},
) {
  const rawBody = options.rawBody ?? Buffer.from(JSON.stringify(body));
  const timestamp = String(options.timestamp ?? nowSeconds);
  const requestId = '123e4567-e89b-12d3-a456-426614174000';
  const userId = 'user-42';
  const message = [requestId, userId, timestamp, createHash('sha256').update(rawBody).digest('hex')].join(
    '\n',
  );
  const signature = sign(null, Buffer.from(message), options.key ?? signing.privateKey).toString('hex');
  return {
    headers: {
      'x-fal-webhook-request-id': requestId,
      'x-fal-webhook-user-id': userId,
      'x-fal-webhook-timestamp': timestamp,
      'x-fal-webhook-signature': signature,
    },
    rawBody,
    query: new URLSearchParams(),
  };
}

describe('fal webhooks', () => {
  it('accepts a body signed with a key from fal’s JWKS and reads the video', async () => {
    await expect(mock.provider.parseWebhook(signedRequest(successBody))).resolves.toEqual({
      upstreamId: '123e4567-e89b-12d3-a456-426614174000',
      verified: true,
      status: {
        state: 'success',
        videos: [{ url: 'https://v3.fal.media/files/output.mp4', contentType: 'video/mp4' }],
      },
    });
  });

  it('reads an ERROR delivery as a failure naming the field', async () => {
    const errorBody = {
      request_id: '123e4567-e89b-12d3-a456-426614174000',
      status: 'ERROR',
      error: 'Invalid status code: 422',
      payload: { detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] },
    };
    await expect(mock.provider.parseWebhook(signedRequest(errorBody))).resolves.toMatchObject({
      verified: true,
      status: { state: 'failed', code: 'upstream_rejected', message: 'prompt: field required (fal 422)' },
    });
  });

  it('rejects a signature made with another key', async () => {
    await expect(
      mock.provider.parseWebhook(signedRequest(successBody, { key: other.privateKey })),
    ).rejects.toThrow(WebhookVerificationError);
  });

  it('rejects a body changed after signing', async () => {
    const request = signedRequest(successBody);
    const tampered = {
      ...request,
      rawBody: Buffer.from(JSON.stringify({ ...successBody, status: 'ERROR' })),
    };
    await expect(mock.provider.parseWebhook(tampered)).rejects.toThrowError(
      'fal webhook signature does not verify',
    );
  });

  it('rejects a stale timestamp and a missing header', async () => {
    await expect(
      mock.provider.parseWebhook(signedRequest(successBody, { timestamp: nowSeconds - 600 })),
    ).rejects.toThrowError('outside the allowed window');
    const request = signedRequest(successBody);
    const { 'x-fal-webhook-user-id': _dropped, ...headers } = request.headers;
    await expect(mock.provider.parseWebhook({ ...request, headers })).rejects.toThrowError(
      'fal webhook without x-fal-webhook-user-id',
    );
  });

  it('fetched the key set once and served the rest from its cache', () => {
    expect(mock.seen.filter((request) => request.path === '/.well-known/jwks.json')).toHaveLength(1);
  });
});

describe('fal signing keys', () => {
  /** An HttpClient stand-in that counts fetches and answers when the test says. */
  function countingHttp(answer: () => Promise<{ status: number; json: unknown }>) {
    const http = {
      fetches: 0,
      async send() {
        http.fetches += 1;
        const { status, json } = await answer();
        return { status, json, headers: {}, text: JSON.stringify(json) };
      },
    };
    return http;
  }

  it('shares one fetch among webhooks that arrive together', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const http = countingHttp(async () => {
      await gate;
      return { status: 200, json: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x }] } };
    });
    const cache = new FalJwksCache(
      http as never,
      () => 'https://rest.fal.ai/jwks',
      () => 0,
    );
    const waiting = Array.from({ length: 20 }, () => cache.current());
    release();
    const results = await Promise.all(waiting);
    expect(http.fetches).toBe(1);
    expect(results.every((keys) => keys.length === 1)).toBe(true);
  });

  it('fetches at most every five minutes, however many forged webhooks arrive', async () => {
    let clock = 0;
    const http = countingHttp(async () => {
      throw new Error('unreachable');
    });
    const cache = new FalJwksCache(
      http as never,
      () => 'https://rest.fal.ai/jwks',
      () => clock,
    );
    for (let index = 0; index < 50; index += 1) {
      await expect(cache.current(true)).rejects.toSatisfy(WebhookVerificationError.isInstance);
      clock += 1000;
    }
    expect(http.fetches).toBe(1);
    clock = 5 * 60_000 + 1;
    await expect(cache.current(true)).rejects.toSatisfy(WebhookVerificationError.isInstance);
    expect(http.fetches).toBe(2);
  });
});
