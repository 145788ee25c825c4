import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JsonValue, OutboundFetcher, prepareInput } from '@ads/provider';
import { inspectMp4 } from '@ads/provider/testing';
import { LocalStorage } from '@ads/storage';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  decodeImage,
  frameSize,
  RenderPool,
  renderLimitIssues,
  type SandboxProvider,
  sandboxVideoEntry,
} from '../src/index.js';

let outputDir: string;
let storage: LocalStorage;
/** Where the storage keeps a job's clip. */
const clipPath = (jobId: string) => join(outputDir, 'sandbox', `${jobId}.mp4`);
let clock = 0;
let imageServer: Server;
let imageUrl: string;

beforeAll(async () => {
  outputDir = await mkdtemp(join(tmpdir(), 'ads-sandbox-'));
  storage = new LocalStorage(outputDir);
  // A real HTTP server on loopback serving a 64x36 PNG, half red and half blue.
  const png = new PNG({ width: 64, height: 36 });
  for (let index = 0; index < 64 * 36; index += 1) {
    const red = index % 64 < 32;
    png.data.set([red ? 255 : 0, 0, red ? 0 : 255, 255], index * 4);
  }
  const body = PNG.sync.write(png);
  imageServer = createServer((request, response) => {
    if (request.url === '/product.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(body);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}/product.png`;
});

afterAll(async () => {
  imageServer.close();
  await rm(outputDir, { recursive: true, force: true });
});

// The image server is on loopback, which the gateway's fetcher refuses unless told otherwise.
const localFetcher = new OutboundFetcher({ allowPrivate: true });
const renders = new RenderPool({ threads: 1 });
afterAll(async () => {
  await Promise.all([localFetcher.close(), renders.close()]);
});

const sandbox = (fetcher: OutboundFetcher = localFetcher) =>
  createSandbox({
    output: storage,
    now: () => clock,
    fetcher,
    renders,
  });

/** Reads the job's status until its background render is done, as the runner would. */
async function settle(provider: SandboxProvider, operation: JsonValue) {
  for (;;) {
    const status = await provider.status(operation);
    if (status.state !== 'pending') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function runJob(request: {
  prompt?: string;
  imageUrls?: string[];
  videoUrls?: string[];
  options?: Record<string, unknown>;
}) {
  const provider = sandbox();
  const input = prepareInput(sandboxVideoEntry, {
    prompt: request.prompt,
    imageUrls: request.imageUrls ?? [],
    videoUrls: request.videoUrls ?? [],
    options: request.options ?? {},
  });
  const started = await provider.start({ entry: sandboxVideoEntry, scene: 'text-to-video', input });
  return { provider, started };
}

// Most of these encode a real H.264 MP4 in WASM: about a second on an idle core, many times that
// on a loaded 2-core machine (CI runs several suites at once), so each test gets a minute.
const encodingTimeoutMs = 60_000;

describe('the sandbox provider', { timeout: encodingTimeoutMs }, () => {
  it('takes its run time like a real job, reporting progress, then succeeds with its clip in storage', async () => {
    clock = 1_000_000;
    const { provider, started } = await runJob({
      prompt: 'ocean waves at sunset',
      options: { run_seconds: 4, duration: 1 },
    });
    clock += 1000;
    await expect(provider.status(started.operation)).resolves.toEqual({ state: 'pending', progress: 25 });
    clock += 3000;
    const done = await settle(provider, started.operation);
    expect(done).toEqual({
      state: 'success',
      videos: [
        {
          url: `storage:sandbox/${started.upstreamId}.mp4`,
          storageKey: `sandbox/${started.upstreamId}.mp4`,
          contentType: 'video/mp4',
        },
      ],
    });
  });

  it.each([
    ['16:9', '240p', 2, 426, 240],
    ['9:16', '360p', 1, 360, 640],
    ['1:1', '240p', 3, 240, 240],
  ])(
    'renders a valid H.264 MP4 at %s %s for %s s',
    async (aspectRatio, resolution, duration, width, height) => {
      clock = 2_000_000;
      const { provider, started } = await runJob({
        prompt: 'a lighthouse',
        options: { run_seconds: 0, aspect_ratio: aspectRatio, resolution, duration },
      });
      await settle(provider, started.operation);
      const facts = inspectMp4(await readFile(clipPath(started.upstreamId)));
      expect(facts).toMatchObject({ codec: 'avc1', width, height, sampleCount: duration * 12 });
      expect(facts.durationSeconds).toBeCloseTo(duration, 1);
      expect(frameSize(aspectRatio, resolution)).toEqual({ width, height });
    },
  );

  it('is deterministic: the same prompt and seed give the same bytes, another seed does not', async () => {
    clock = 3_000_000;
    const digest = async (options: Record<string, unknown>) => {
      const { provider, started } = await runJob({
        prompt: 'same prompt',
        options: { run_seconds: 0, duration: 1, ...options },
      });
      await settle(provider, started.operation);
      return createHash('sha256')
        .update(await readFile(clipPath(started.upstreamId)))
        .digest('hex');
    };
    const first = await digest({ seed: 7 });
    expect(await digest({ seed: 7 })).toBe(first);
    expect(await digest({ seed: 8 })).not.toBe(first);
  });

  it('animates the given image when it can read it', async () => {
    clock = 4_000_000;
    const withImage = await runJob({
      imageUrls: [imageUrl],
      options: { run_seconds: 0, duration: 1, seed: 1 },
    });
    const without = await runJob({ prompt: '', options: { run_seconds: 0, duration: 1, seed: 1 } });
    await settle(withImage.provider, withImage.started.operation);
    await settle(without.provider, without.started.operation);
    const bytesWith = await readFile(clipPath(withImage.started.upstreamId));
    const bytesWithout = await readFile(clipPath(without.started.upstreamId));
    expect(inspectMp4(bytesWith).codec).toBe('avc1');
    expect(Buffer.compare(bytesWith, bytesWithout)).not.toBe(0);
  });

  it('fails the job, saying what to do, when the image cannot be read', async () => {
    clock = 5_000_000;
    const missing = imageUrl.replace('product', 'missing');
    const { provider, started } = await runJob({
      imageUrls: [missing],
      options: { run_seconds: 0, duration: 1 },
    });
    const ended = await settle(provider, started.operation);
    expect(ended).toMatchObject({ state: 'failed', code: 'image_unreadable', retryable: false });
    expect(ended.state === 'failed' && ended.message).toContain('answered HTTP 404');
    expect(ended.state === 'failed' && ended.message).toContain('options.ignore_unreadable_images');
  });

  it('renders without an unreadable image when options.ignore_unreadable_images says so', async () => {
    clock = 5_200_000;
    const { provider, started } = await runJob({
      imageUrls: [imageUrl.replace('product', 'missing')],
      options: { run_seconds: 0, duration: 1, ignore_unreadable_images: true },
    });
    await expect(settle(provider, started.operation)).resolves.toMatchObject({ state: 'success' });
  });

  it('never fetches a private address with its default fetcher: the job fails, or skips it when told to', async () => {
    clock = 5_500_000;
    const skipped: string[] = [];
    const guarded = createSandbox({
      output: storage,
      now: () => clock,
      renders,
      onImageSkipped: (url) => skipped.push(url),
    });
    const start = (options: Record<string, unknown>) =>
      guarded.start({
        entry: sandboxVideoEntry,
        scene: 'image-to-video',
        input: prepareInput(sandboxVideoEntry, {
          imageUrls: [imageUrl],
          videoUrls: [],
          options: { run_seconds: 0, duration: 1, seed: 1, ...options },
        }),
      });
    const refused = await start({});
    const failed = await settle(guarded, refused.operation);
    expect(failed).toMatchObject({ state: 'failed', code: 'image_unreadable' });
    expect(failed.state === 'failed' && failed.message).toContain('not a public address');
    expect(skipped).toEqual([]);

    const job = await start({ ignore_unreadable_images: true });
    const plain = await runJob({ prompt: '', options: { run_seconds: 0, duration: 1, seed: 1 } });
    await settle(guarded, job.operation);
    await settle(plain.provider, plain.started.operation);
    const guardedBytes = await readFile(clipPath(job.upstreamId));
    const plainBytes = await readFile(clipPath(plain.started.upstreamId));
    expect(Buffer.compare(guardedBytes, plainBytes)).toBe(0);
    expect(skipped).toEqual([imageUrl]);
    await guarded.close();
  });

  it('refuses a clip above the render limit, naming the longest that fits', () => {
    expect(renderLimitIssues({ resolution: '480p', aspect_ratio: '16:9', duration: 10 })).toEqual([]);
    const [issue] = renderLimitIssues({ resolution: '480p', aspect_ratio: '21:9', duration: 20 });
    expect(issue?.path).toBe('duration');
    expect(issue?.message).toContain('at most 7 s');
  });

  it('fails on request, so failure paths can be exercised end to end', async () => {
    clock = 6_000_000;
    const { provider, started } = await runJob({
      prompt: 'x',
      options: { run_seconds: 0, fail: true, fail_message: 'asked to fail' },
    });
    await expect(provider.status(started.operation)).resolves.toEqual({
      state: 'failed',
      code: 'sandbox_failure',
      message: 'asked to fail',
      retryable: false,
    });
  });

  it('costs nothing, needs no key, and can always cancel', async () => {
    const provider = sandbox();
    expect(sandboxVideoEntry.credits).toBe(0);
    expect(provider.isConfigured()).toBe(true);
    await expect(provider.cancel()).resolves.toBe('canceled');
  });

  it('decodes PNG and refuses what is not an image', () => {
    const png = new PNG({ width: 2, height: 2 });
    expect(decodeImage(PNG.sync.write(png))).toMatchObject({ width: 2, height: 2 });
    expect(decodeImage(new TextEncoder().encode('not an image'))).toBeUndefined();
  });

  it('does not decode an image that declares more pixels than the limit', () => {
    const png = PNG.sync.write(new PNG({ width: 4, height: 4 }));
    // Rewrite the header to claim 16000×16000 (the CRC no longer matches, but nothing gets that far).
    png.writeUInt32BE(16000, 16);
    png.writeUInt32BE(16000, 20);
    expect(decodeImage(png)).toBeUndefined();
    expect(decodeImage(PNG.sync.write(new PNG({ width: 100, height: 100 })), 9999)).toBeUndefined();
  });
});

describe('the frames', () => {
  it('show the image: red on its left half, blue on its right, on the first frame', async () => {
    const { paintFrame } = await import('../src/paint-frames.js');
    const image = {
      width: 4,
      height: 2,
      data: new Uint8Array([
        255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 255, 255, 0, 0, 255, 255, 0, 0, 255, 0, 0,
        255, 255, 0, 0, 255, 255,
      ]),
    };
    const spec = { width: 8, height: 4, frameRate: 12, frameCount: 12, seed: 1 };
    const frame = new Uint8Array(8 * 4 * 4);
    paintFrame(spec, 0, image, frame);
    const pixel = (x: number, y: number) => [...frame.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 3)];
    expect(pixel(0, 1)).toEqual([255, 0, 0]);
    expect(pixel(7, 1)).toEqual([0, 0, 255]);
  });

  it('show SANDBOX at the top and the prompt’s first words at the bottom', async () => {
    const { paintFrame } = await import('../src/paint-frames.js');
    const { captionLines, captionScale } = await import('../src/caption.js');
    expect(captionLines('Ocean waves at sunset, over the ÉTANG de Berre tonight')).toEqual([
      'SANDBOX',
      'OCEAN WAVES AT SUNSET, OVER THE',
    ]);
    const width = 426;
    const height = 240;
    const spec = { width, height, frameRate: 12, frameCount: 12, seed: 1 };
    const bare = new Uint8Array(width * height * 4);
    const captioned = new Uint8Array(width * height * 4);
    paintFrame(spec, 0, undefined, bare);
    paintFrame({ ...spec, caption: captionLines('ocean waves') }, 0, undefined, captioned);
    const scale = captionScale(height);
    const white = (frame: Uint8Array, x: number, y: number) =>
      [...frame.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)].every((value) => value === 255);
    // The S of SANDBOX: its top row is pixels 1-4 of the glyph, at the top-left margin.
    const margin = scale * 3;
    expect(white(captioned, margin + scale * 2, margin)).toBe(true);
    expect(white(bare, margin + scale * 2, margin)).toBe(false);
    // The O of OCEAN, on the bottom line.
    const bottom = height - margin - 7 * scale;
    expect(white(captioned, margin + scale * 2, bottom)).toBe(true);
  });
});

describe('the built package', { timeout: encodingTimeoutMs }, () => {
  it('renders under plain Node’s module loader, not only under the test runner', async () => {
    const { execFile } = await import('node:child_process');
    const script = `const m = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
      const bytes = await m.encodeMp4(m.videoSpec({ aspectRatio: '1:1', resolution: '240p', durationSeconds: 1, seed: 3 }));
      console.log(bytes.length);`;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(Number(output.trim())).toBeGreaterThan(1000);
  });
});
