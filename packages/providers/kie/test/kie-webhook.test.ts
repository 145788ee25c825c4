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
  it('accepts a correctly signed callback as news of its taskId, never as a status (the HMAC does not cover the body)', async () => {
    await expect(provider.parseWebhook(request())).resolves.toEqual({
      upstreamId: 'task_abc',
      verified: true,
    });
  });

  it('a replayed signature over an edited body still carries no status', async () => {
    const edited = {
      ...body,
      data: { ...body.data, state: 'fail', resultJson: '', failCode: '500', failMsg: 'forged' },
    };
    const event = await provider.parseWebhook(request({ payload: edited }));
    expect(event).toEqual({ upstreamId: 'task_abc', verified: true });
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

  it('finds the taskId where each family puts it (Runway data.task_id, Aleph top level)', async () => {
    const runway = {
      code: 200,
      msg: 'All generated successfully.',
      data: { task_id: 'rw_1', video_url: 'x' },
    };
    const aleph = { code: 200, msg: 'success', data: { result_video_url: 'x' }, taskId: 'al_1' };
    await expect(provider.parseWebhook(request({ taskId: 'rw_1', payload: runway }))).resolves.toEqual({
      upstreamId: 'rw_1',
      verified: true,
    });
    await expect(provider.parseWebhook(request({ taskId: 'al_1', payload: aleph }))).resolves.toEqual({
      upstreamId: 'al_1',
      verified: true,
    });
  });
});
