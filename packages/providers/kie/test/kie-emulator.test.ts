import { type CatalogEntry, prepareInput, UpstreamHttpError } from '@ads/provider';
import { inspectMp4, startWebhookReceiver } from '@ads/provider/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type KieEmulator, type KieEmulatorOptions, startKieEmulator } from '../src/emulator/index.js';
import { createKie, kieCatalog } from '../src/index.js';

const entry = (model: string) => kieCatalog.find((candidate) => candidate.model === model) as CatalogEntry;

let clock = 1_767_225_600_000;
let emulator: KieEmulator | undefined;
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await emulator?.close();
  for (const close of closers.splice(0)) await close();
});

async function setUp(options: KieEmulatorOptions = {}) {
  emulator = await startKieEmulator({ apiKey: 'kie-key', now: () => clock, jobMs: 60_000, ...options });
  const provider = createKie({
    apiKey: 'kie-key',
    baseURL: emulator.url,
    webhookHmacKey: options.webhookHmacKey ?? 'unused',
    now: () => clock,
  });
  return { provider, emulator };
}

const seedance = entry('bytedance/seedance-2-mini');
const textInput = (prompt: string) =>
  prepareInput(seedance, { prompt, imageUrls: [], videoUrls: [], options: { duration: 5 } });

describe('the kie adapter against the kie emulator, over HTTP', () => {
  it('runs a jobs task to success and serves a playable MP4', async () => {
    const { provider } = await setUp();
    const started = await provider.start({
      entry: seedance,
      scene: 'text-to-video',
      input: textInput('ocean waves'),
    });
    await expect(provider.status(started.operation)).resolves.toEqual({ state: 'pending' });
    clock += 60_000;
    const done = await provider.status(started.operation);
    expect(done.state).toBe('success');
    const url = done.state === 'success' ? (done.videos[0]?.url ?? '') : '';
    const video = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(inspectMp4(video).codec).toBe('avc1');
  });

  it('holds a job past its run time until the test releases it, and says when it ended', async () => {
    const { provider, emulator: kie } = await setUp({ hold: true });
    const started = await provider.start({
      entry: seedance,
      scene: 'text-to-video',
      input: textInput('held'),
    });
    await kie.core.until((core) => core.jobs.size === 1);
    clock += 10 * 60_000;
    await expect(provider.status(started.operation)).resolves.toEqual({ state: 'pending' });
    const readsSeen = kie.core.until((core) => core.stats.statusReads >= 2);
    expect(kie.core.release((job) => job.id === started.upstreamId)).toBe(1);
    expect(kie.core.release()).toBe(0);
    const done = await provider.status(started.operation);
    await readsSeen;
    expect(done.state).toBe('success');
    const job = kie.core.jobs.get(started.upstreamId);
    expect(job && kie.core.finishesAt(job)).toBe(clock);
  });

  it('fails a task whose content is refused, with kie’s code and message', async () => {
    const { provider } = await setUp();
    const started = await provider.start({
      entry: seedance,
      scene: 'text-to-video',
      input: textInput('[fail] anything'),
    });
    clock += 60_000;
    await expect(provider.status(started.operation)).resolves.toEqual({
      state: 'failed',
      code: 'upstream_rejected',
      message: 'Your prompt was flagged as violating content policies. (kie code 422)',
      retryable: false,
    });
  });

  it('runs a Veo task through its own endpoints', async () => {
    const { provider } = await setUp();
    const veo = entry('veo3_fast');
    const input = prepareInput(veo, {
      prompt: 'a glass city',
      imageUrls: [],
      videoUrls: [],
      options: { duration: 8 },
    });
    const started = await provider.start({ entry: veo, scene: 'text-to-video', input });
    clock += 60_000;
    await expect(provider.status(started.operation)).resolves.toMatchObject({ state: 'success' });
  });

  it('answers "recordInfo is null" right after create, which reads as pending', async () => {
    const { provider } = await setUp({ invisibleMs: 2_000 });
    const started = await provider.start({
      entry: seedance,
      scene: 'text-to-video',
      input: textInput('a quiet harbour'),
    });
    await expect(provider.status(started.operation)).resolves.toEqual({ state: 'pending' });
  });

  it('refuses an unknown model and a missing required field in the body, under HTTP 200', async () => {
    const { provider } = await setUp();
    const unknown = { ...seedance, model: 'bytedance/seedance-9' };
    await expect(
      provider.start({ entry: unknown, scene: 'text-to-video', input: { prompt: 'x' } }),
    ).rejects.toMatchObject({
      code: 'upstream_rejected',
      statusCode: 422,
    });
    const kling = entry('kling-2.6/text-to-video');
    await expect(
      provider.start({ entry: kling, scene: 'text-to-video', input: { prompt: 'x' } }),
    ).rejects.toThrowError(/kie answered 422: \w+: This field is required/);
  });

  it('throttles creates beyond its limit with HTTP 429', async () => {
    const { provider } = await setUp({ submitLimit: { limit: 2, windowMs: 10_000 } });
    await provider.start({ entry: seedance, scene: 'text-to-video', input: textInput('first clip') });
    await provider.start({ entry: seedance, scene: 'text-to-video', input: textInput('second clip') });
    const failure = await provider
      .start({ entry: seedance, scene: 'text-to-video', input: textInput('third clip') })
      .catch((error) => error);
    expect(UpstreamHttpError.isInstance(failure) && failure.code).toBe('upstream_rate_limited');
  });

  it('answers status reads with injected server errors, counted', async () => {
    const { provider, emulator } = await setUp({ faults: { statusErrorRate: 1 } });
    const started = await provider.start({
      entry: seedance,
      scene: 'text-to-video',
      input: textInput('a quiet harbour'),
    });
    await expect(provider.status(started.operation)).rejects.toMatchObject({
      code: 'upstream_unavailable',
      isRetryable: true,
    });
    // One read per call: whether to read again is the engine's decision.
    expect(emulator.core.stats).toMatchObject({ statusReads: 1, faultsInjected: 1 });
  });

  it('delivers signed callbacks, three times when asked, and the adapter verifies each', async () => {
    const receiver = await startWebhookReceiver();
    const { received } = receiver;
    closers.push(receiver.close);
    const { provider, emulator } = await setUp({ webhookHmacKey: 'hmac-key', webhookDeliveries: 3 });
    const started = await provider.start({
      entry: seedance,
      scene: 'text-to-video',
      input: textInput('a quiet harbour'),
      webhookUrl: `${receiver.url}/webhooks/kie`,
    });
    clock += 60_000;
    await emulator.core.flushWebhooks();
    expect(received).toHaveLength(3);
    for (const delivery of received) {
      const event = await provider.parseWebhook(delivery);
      expect(event).toMatchObject({
        upstreamId: started.upstreamId,
        verified: true,
        status: { state: 'success' },
      });
    }
  });
});
