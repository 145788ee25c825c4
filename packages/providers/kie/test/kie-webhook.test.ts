import { WebhookVerificationError } from '@ads/provider';
import { describe, expect, it } from 'vitest';
import { kieWebhookSignature } from '../src/index.js';
import { mockedKie } from './kie-mock.js';

const key = 'kie-hmac-key';
const nowSeconds = 1_757_584_224;
const body = {
  code: 200,
  msg: 'success',
  data: {
    taskId: 'task_abc',
    model: 'bytedance/seedance-2',
    state: 'success',
    param: '{"model":"bytedance/seedance-2"}',
    resultJson: '{"resultUrls":["https://tempfile.aiquickdraw.com/v/out.mp4"]}',
    failCode: '',
    failMsg: '',
  },
};

function request(
  overrides: { taskId?: string; timestamp?: number; signature?: string; payload?: unknown } = {},
) {
  const timestamp = String(overrides.timestamp ?? nowSeconds);
  const signature =
    overrides.signature ?? kieWebhookSignature(overrides.taskId ?? 'task_abc', timestamp, key);
  return {
    headers: { 'x-webhook-timestamp': timestamp, 'x-webhook-signature': signature },
    rawBody: Buffer.from(JSON.stringify(overrides.payload ?? body)),
    query: new URLSearchParams(),
  };
}

const { provider } = mockedKie({ webhookHmacKey: key, now: () => nowSeconds * 1000 });

describe('kie callbacks', () => {
  it('accepts a correctly signed callback and reads its status', async () => {
    await expect(provider.parseWebhook(request())).resolves.toEqual({
      upstreamId: 'task_abc',
      verified: true,
      status: { state: 'success', videos: [{ url: 'https://tempfile.aiquickdraw.com/v/out.mp4' }] },
    });
  });

  it('rejects a forged signature', async () => {
    await expect(provider.parseWebhook(request({ signature: 'AAAA' }))).rejects.toThrow(
      WebhookVerificationError,
    );
  });

  it('rejects a body whose taskId was changed after signing', async () => {
    const tampered = request({ payload: { ...body, data: { ...body.data, taskId: 'task_other' } } });
    await expect(provider.parseWebhook(tampered)).rejects.toThrowError(
      'kie callback signature does not match',
    );
  });

  it('rejects a stale timestamp', async () => {
    await expect(provider.parseWebhook(request({ timestamp: nowSeconds - 301 }))).rejects.toThrowError(
      'outside the allowed window',
    );
  });

  it('without a signing key, a callback is only an unverified hint', async () => {
    const { provider: unsigned } = mockedKie();
    delete process.env.KIE_WEBHOOK_HMAC_KEY;
    await expect(unsigned.parseWebhook(request({ signature: 'anything' }))).resolves.toEqual({
      upstreamId: 'task_abc',
      verified: false,
    });
  });

  it('reads a failed Veo callback', async () => {
    const payload = {
      code: 400,
      msg: 'Your prompt was flagged by Website as violating content policies.',
      data: { taskId: 'veo_1', fallbackFlag: false },
    };
    await expect(provider.parseWebhook(request({ taskId: 'veo_1', payload }))).resolves.toMatchObject({
      upstreamId: 'veo_1',
      verified: true,
      status: {
        state: 'failed',
        message: 'Your prompt was flagged by Website as violating content policies. (kie code 400)',
      },
    });
  });
});
