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
      // kie signs taskId.timestamp only: a callback is news of the task, the record is its status.
      expect(event).toEqual({ upstreamId: started.upstreamId, verified: true });
    }
  });
});

describe('kie’s own API families against the emulator: Runway, Runway extend, Aleph, Veo extend', () => {
  const run = async (
    provider: ReturnType<typeof createKie>,
    model: string,
    scene: 'text-to-video' | 'image-to-video' | 'video-to-video',
    media: { imageUrls?: string[]; videoUrls?: string[] },
    options: Record<string, unknown> = {},
  ) => {
    const modelEntry = entry(model);
    const input = prepareInput(modelEntry, {
      prompt: `${model} prompt`,
      imageUrls: media.imageUrls ?? [],
      videoUrls: media.videoUrls ?? [],
      options,
    });
    return { input, started: await provider.start({ entry: modelEntry, scene, input }) };
  };

  it('sends Runway its top-level body, reads record-detail, and extends the finished video', async () => {
    const { provider, emulator: kie } = await setUp({ webhookHmacKey: 'hmac' });
    const { input, started } = await run(
      provider,
      'runway',
      'text-to-video',
      {},
      { duration: 5, aspect_ratio: '9:16' },
    );
    expect(input).toEqual({
      prompt: 'runway prompt',
      duration: 5,
      quality: '720p',
      aspectRatio: '9:16',
    });
    expect(started.operation).toMatchObject({ api: 'runway', model: 'runway' });
    await expect(provider.status(started.operation)).resolves.toEqual({ state: 'pending' });
    clock += 60_000;
    const done = await provider.status(started.operation);
    expect(done).toMatchObject({ state: 'success', videos: [{ url: expect.stringContaining('/files/') }] });
    // The extend names the Runway task (the engine swaps the source video URL for its upstream id).
    const extend = await provider.start({
      entry: entry('runway/extend'),
      scene: 'video-to-video',
      input: { taskId: started.upstreamId, prompt: 'and then', quality: '720p', waterMark: '' },
    });
    expect(extend.operation).toMatchObject({ api: 'runway-extend' });
    expect([...kie.core.jobs.values()][1]?.input).toMatchObject({ taskId: started.upstreamId });
    clock += 60_000;
    await expect(provider.status(extend.operation)).resolves.toMatchObject({ state: 'success' });
  });

  it('refuses an extend of a task of another family, as kie does (nothing created)', async () => {
    const { provider } = await setUp();
    const { started } = await run(provider, 'bytedance/seedance-2-mini', 'text-to-video', {});
    clock += 60_000;
    const refused = await provider
      .start({
        entry: entry('veo3/extend'),
        scene: 'video-to-video',
        input: { taskId: started.upstreamId, prompt: 'more' },
      })
      .catch((error) => error);
    expect(UpstreamHttpError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'upstream_rejected', definitelyNotCreated: true });
  });

  it('runs Aleph video to video and Veo extend, each from its own record', async () => {
    const { provider } = await setUp();
    const { input, started } = await run(provider, 'runway-aleph', 'video-to-video', {
      videoUrls: ['https://cdn.example.com/source.mp4'],
    });
    expect(input).toMatchObject({
      videoUrl: 'https://cdn.example.com/source.mp4',
      prompt: 'runway-aleph prompt',
    });
    await expect(provider.status(started.operation)).resolves.toEqual({ state: 'pending' });
    const veo = await run(provider, 'veo3_fast', 'text-to-video', {});
    clock += 60_000;
    await expect(provider.status(started.operation)).resolves.toMatchObject({ state: 'success' });
    await expect(provider.status(veo.started.operation)).resolves.toMatchObject({ state: 'success' });
    const extend = await provider.start({
      entry: entry('veo3/extend'),
      scene: 'video-to-video',
      input: { taskId: veo.started.upstreamId, prompt: 'more', model: 'fast' },
    });
    expect(extend.operation).toMatchObject({ api: 'veo-extend' });
    await expect(provider.status(extend.operation)).resolves.toEqual({ state: 'pending' });
    clock += 60_000;
    await expect(provider.status(extend.operation)).resolves.toMatchObject({ state: 'success' });
  });

  it('finds the taskId in each family’s callback and verifies its signature', async () => {
    const receiver = await startWebhookReceiver();
    closers.push(receiver.close);
    const { provider } = await setUp({ webhookHmacKey: 'hmac' });
    const webhookUrl = `${receiver.url}/webhooks/kie`;
    const runway = await provider.start({
      entry: entry('runway'),
      scene: 'text-to-video',
      input: { prompt: 'a', duration: 5, quality: '720p', aspectRatio: '16:9' },
      webhookUrl,
    });
    const aleph = await provider.start({
      entry: entry('runway-aleph'),
      scene: 'video-to-video',
      input: { prompt: 'b', videoUrl: 'https://cdn.example.com/a.mp4' },
      webhookUrl,
    });
    clock += 60_000;
    await emulator?.core.flushWebhooks();
    const ids = await Promise.all(receiver.received.map((delivery) => provider.parseWebhook(delivery)));
    expect(ids.map((event) => event.upstreamId).sort()).toEqual([runway.upstreamId, aleph.upstreamId].sort());
    expect(ids.every((event) => event.verified)).toBe(true);
  });

  it('asks for the 1080p and 4K versions of a finished Veo video and reads each to its end', async () => {
    const { provider } = await setUp();
    const veo = await run(provider, 'veo3_fast', 'text-to-video', {});
    const early = await provider
      .start({
        entry: entry('veo3/1080p'),
        scene: 'video-to-video',
        input: { taskId: veo.started.upstreamId },
      })
      .catch((error) => error);
    // The source is still running: kie answers "record status is not success" and creates nothing.
    expect(early).toMatchObject({ code: 'upstream_rejected', definitelyNotCreated: true });
    clock += 60_000;
    const hd = await provider.start({
      entry: entry('veo3/1080p'),
      scene: 'video-to-video',
      input: { taskId: veo.started.upstreamId, index: 0 },
    });
    expect(hd.upstreamId).toBe(`${veo.started.upstreamId}:1080p:0`);
    const uhd = await provider.start({
      entry: entry('veo3/4k'),
      scene: 'video-to-video',
      input: { taskId: veo.started.upstreamId },
    });
    expect(uhd.upstreamId).toBe(`${veo.started.upstreamId}:4k:0`);
    await expect(provider.status(hd.operation)).resolves.toEqual({ state: 'pending' });
    await expect(provider.status(uhd.operation)).resolves.toEqual({ state: 'pending' });
    clock += 60_000;
    await expect(provider.status(hd.operation)).resolves.toMatchObject({ state: 'success' });
    await expect(provider.status(uhd.operation)).resolves.toMatchObject({ state: 'success' });
    // A reconciled follow-up is tracked by its name alone.
    expect(provider.operationFor(uhd.upstreamId, entry('veo3/4k'))).toEqual(uhd.operation);
  });
});
