import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningGateway, serverBin, startGatewayProcess } from '@ads/testing';
import type { Experimental_VideoModelV4OperationWebhook as OperationWebhook } from '@ai-sdk/provider';
import { APICallError, experimental_generateVideo as generateVideo } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdsProvider, createAds } from '../src/index.js';

let gateway: RunningGateway;
let ads: AdsProvider;
beforeAll(async () => {
  // The webhook test's receiver is on loopback: the gateway may call it.
  gateway = await startGatewayProcess({
    bin: serverBin(import.meta.url),
    environment: { ADS_ALLOW_PRIVATE_URLS: 'true' },
  });
  ads = createAds({ baseURL: gateway.url, apiKey: gateway.apiKey });
});
afterAll(() => gateway?.stop());

const poll = { intervalMs: 100, timeoutMs: 60_000 };
const isMp4 = (bytes: Uint8Array) => Buffer.from(bytes.subarray(4, 8)).toString('latin1') === 'ftyp';

async function task(id: string) {
  const response = await fetch(`${gateway.url}/v1/tasks/${id}`, {
    headers: { authorization: `Bearer ${gateway.apiKey}` },
  });
  return (await response.json()) as {
    status: string;
    scene: string;
    model: string;
    error: { code: string } | null;
  };
}

describe('experimental_generateVideo with ads.video(...)', () => {
  it('generates with a kie model through the gateway (start, then status) and downloads the MP4', async () => {
    const result = await generateVideo({
      model: ads.video('kie/bytedance/seedance-2-mini'),
      prompt: 'a lighthouse at dusk, slow pan',
      duration: 5,
      aspectRatio: '16:9',
      poll,
    });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    const metadata = result.providerMetadata.ads as { taskId: string; credits: number };
    const stored = await task(metadata.taskId);
    expect(stored).toMatchObject({ status: 'success', model: 'bytedance/seedance-2-mini' });
  });

  it('sends an image prompt (bytes) as an upload, and passes provider options through', async () => {
    const { PNG } = await import('pngjs');
    const image = new PNG({ width: 32, height: 18 });
    image.data.fill(150);
    const result = await generateVideo({
      model: ads('sandbox/sandbox-video'),
      prompt: { image: new Uint8Array(PNG.sync.write(image)), text: 'the colour breathes' },
      resolution: '640x360',
      providerOptions: { ads: { run_seconds: 1 } },
      poll,
    });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    const stored = await task((result.providerMetadata.ads as { taskId: string }).taskId);
    expect(stored.scene).toBe('image-to-video');
  });

  it('waits on a webhook instead of polling when given one', async () => {
    let received: (value: OperationWebhook) => void = () => {};
    const arrived = new Promise<OperationWebhook>((resolve) => {
      received = resolve;
    });
    const receiver = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      response.end('ok');
      received({
        headers: request.headers as Record<string, string>,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/done`;
      const result = await generateVideo({
        model: ads.video('sandbox/sandbox-video'),
        prompt: 'rain on glass',
        // Polling every 10 minutes: only the webhook can end this in time.
        poll: { intervalMs: 600_000, timeoutMs: 60_000 },
        webhook: async () => ({ url, received: arrived }),
      });
      expect(isMp4(result.video.uint8Array)).toBe(true);
      expect((await arrived).body).toMatchObject({
        type: 'video.task.succeeded',
        data: { status: 'success' },
      });
    } finally {
      receiver.close();
    }
  });

  it('maps gateway errors: a refused request is an APICallError with the status and code; a failed task throws its reason', async () => {
    const refused = await generateVideo({
      model: ads.video('nope/nothing'),
      prompt: 'x',
      maxRetries: 0,
      poll,
    }).catch((error: unknown) => error);
    expect(APICallError.isInstance(refused)).toBe(true);
    expect((refused as APICallError).statusCode).toBe(400);
    expect(((refused as APICallError).data as { code: string }).code).toBe('model_not_found');

    const failed = await generateVideo({
      model: ads.video('sandbox/sandbox-video'),
      prompt: 'x',
      providerOptions: { ads: { fail: true, fail_message: 'the sandbox was told to fail' } },
      poll,
    }).catch((error: unknown) => error);
    expect((failed as Error).message).toContain('the sandbox was told to fail');
  });

  it('cancels the task when the call is aborted after the start', async () => {
    const abort = new AbortController();
    let taskId: string | undefined;
    const started = generateVideo({
      model: ads.video('sandbox/sandbox-video'),
      prompt: 'a long one',
      providerOptions: { ads: { run_seconds: 120 } },
      abortSignal: abort.signal,
      poll: {
        intervalMs: 50,
        timeoutMs: 60_000,
        delay: async (ms, options) => {
          if (!taskId) {
            const list = await fetch(`${gateway.url}/v1/tasks?limit=1`, {
              headers: { authorization: `Bearer ${gateway.apiKey}` },
            });
            taskId = ((await list.json()) as { data: { id: string }[] }).data[0]?.id;
            abort.abort();
          }
          await new Promise((resolve) => setTimeout(resolve, ms));
          options?.abortSignal?.throwIfAborted();
        },
      },
    });
    await expect(started).rejects.toThrow();
    for (let attempt = 0; attempt < 100 && taskId; attempt += 1) {
      if ((await task(taskId)).status === 'canceled') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(taskId && (await task(taskId)).status).toBe('canceled');
  });
});
