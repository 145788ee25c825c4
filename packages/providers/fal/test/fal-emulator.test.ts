import { type CatalogEntry, prepareInput } from '@ads/provider';
import { inspectMp4, startWebhookReceiver } from '@ads/provider/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FalEmulator, type FalEmulatorOptions, startFalEmulator } from '../src/emulator/index.js';
import { createFal, falCatalog } from '../src/index.js';

const entry = (model: string) => falCatalog.find((candidate) => candidate.model === model) as CatalogEntry;

let clock = 1_767_225_600_000;
let emulator: FalEmulator | undefined;
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await emulator?.close();
  for (const close of closers.splice(0)) await close();
});

async function setUp(options: FalEmulatorOptions = {}) {
  emulator = await startFalEmulator({ apiKey: 'fal-key', now: () => clock, jobMs: 60_000, ...options });
  const provider = createFal({
    apiKey: 'fal-key',
    queueURL: emulator.url,
    jwksURL: emulator.jwksUrl,
    now: () => clock,
  });
  return { provider, emulator };
}

const kling = entry('fal-ai/kling-video/v2.1/master/text-to-video');
const klingInput = (prompt: string) =>
  prepareInput(kling, { prompt, imageUrls: [], videoUrls: [], options: { duration: 5 } });

describe('the fal adapter against the fal emulator, over HTTP', () => {
  it('queues, runs and completes a request; the result is a playable MP4', async () => {
    const { provider } = await setUp();
    const started = await provider.start({
      entry: kling,
      scene: 'text-to-video',
      input: klingInput('a red fox in snow'),
    });
    expect(started.operation).toMatchObject({
      statusUrl: expect.stringContaining('/fal-ai/kling-video/requests/'),
    });
    await expect(provider.status(started.operation)).resolves.toEqual({ state: 'pending', queuePosition: 0 });
    clock += 30_000;
    await expect(provider.status(started.operation)).resolves.toEqual({ state: 'pending' });
    clock += 30_000;
    const done = await provider.status(started.operation);
    const url = done.state === 'success' ? (done.videos[0]?.url ?? '') : '';
    expect(inspectMp4(new Uint8Array(await (await fetch(url)).arrayBuffer())).codec).toBe('avc1');
  });

  it('shows a runner validation error only in the result, as fal does', async () => {
    const { provider } = await setUp();
    const started = await provider.start({ entry: kling, scene: 'text-to-video', input: { duration: '5' } });
    clock += 60_000;
    await expect(provider.status(started.operation)).resolves.toEqual({
      state: 'failed',
      code: 'upstream_rejected',
      message: 'prompt: field required (fal 422)',
      retryable: false,
    });
  });

  it('maps a refused prompt to content_policy', async () => {
    const { provider } = await setUp();
    const started = await provider.start({
      entry: kling,
      scene: 'text-to-video',
      input: klingInput('[fail] forbidden'),
    });
    clock += 60_000;
    await expect(provider.status(started.operation)).resolves.toMatchObject({
      state: 'failed',
      code: 'content_policy',
    });
  });

  it('cancels a queued request, and says too late once it completed', async () => {
    const { provider } = await setUp();
    const queued = await provider.start({
      entry: kling,
      scene: 'text-to-video',
      input: klingInput('first clip'),
    });
    await expect(provider.cancel(queued.operation)).resolves.toBe('requested');
    const other = await provider.start({
      entry: kling,
      scene: 'text-to-video',
      input: klingInput('second clip'),
    });
    clock += 60_000;
    await expect(provider.cancel(other.operation)).resolves.toBe('too-late');
    await expect(provider.status(queued.operation)).resolves.toMatchObject({
      state: 'failed',
      message: 'Request was cancelled (fal 499)',
    });
  });

  it('refuses an unknown endpoint at submit', async () => {
    const { provider } = await setUp();
    await expect(
      provider.start({
        entry: { ...kling, model: 'fal-ai/nothing/here' },
        scene: 'text-to-video',
        input: { prompt: 'x' },
      }),
    ).rejects.toMatchObject({
      code: 'upstream_rejected',
      statusCode: 404,
      definitelyNotCreated: true,
    });
  });

  it('answers status reads with injected ingress errors, counted', async () => {
    const { provider, emulator } = await setUp({ faults: { statusErrorRate: 1 } });
    const started = await provider.start({
      entry: kling,
      scene: 'text-to-video',
      input: klingInput('a red fox'),
    });
    await expect(provider.status(started.operation)).rejects.toMatchObject({
      code: 'upstream_unavailable',
      isRetryable: true,
    });
    // One read per call: whether to read again is the engine's decision.
    expect(emulator.core.stats.statusReads).toBe(1);
  });

  it('delivers ED25519-signed webhooks that the adapter verifies against the emulator’s JWKS', async () => {
    const receiver = await startWebhookReceiver();
    const { received } = receiver;
    closers.push(receiver.close);
    const { provider, emulator } = await setUp({ webhookDeliveries: 2 });
    const started = await provider.start({
      entry: kling,
      scene: 'text-to-video',
      input: klingInput('a red fox'),
      webhookUrl: `${receiver.url}/webhooks/fal`,
    });
    clock += 60_000;
    await emulator.core.flushWebhooks();
    expect(received).toHaveLength(2);
    for (const delivery of received) {
      await expect(provider.parseWebhook(delivery)).resolves.toMatchObject({
        upstreamId: started.upstreamId,
        verified: true,
        status: { state: 'success' },
      });
    }
    const forged = {
      ...received[0],
      rawBody: Buffer.from('{"request_id":"x","status":"OK"}'),
    } as (typeof received)[number];
    await expect(provider.parseWebhook(forged)).rejects.toThrowError('does not verify');
  });
});
