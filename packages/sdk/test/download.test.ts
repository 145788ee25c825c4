import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspectMp4 } from '@ads/provider/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, IntegrityError } from '../src/index.js';
import { download, downloadVideo } from '../src/node/index.js';
import { useGateway } from './support/gateway.js';

const setup = useGateway();
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'ads-sdk-download-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('download (the Node entry point)', () => {
  it('saves the video into new folders, reporting progress, and the file is a playable MP4', async () => {
    const task = await setup.ads.generateAndWait(
      { prompt: 'a paper boat', provider: 'sandbox' },
      { pollIntervalMs: 100 },
    );
    const destination = path.join(folder, 'nested/deeper/boat.mp4');
    const progress: number[] = [];
    const result = await download(task.videoUrl as string, destination, {
      onProgress: ({ receivedBytes, totalBytes }) => {
        progress.push(receivedBytes);
        expect(totalBytes).toBeGreaterThan(0);
      },
    });
    const bytes = await readFile(destination);
    expect(result).toEqual({ path: destination, bytes: bytes.length, sha256: task.videos[0]?.sha256 });
    expect(progress.at(-1)).toBe(bytes.length);
    expect(inspectMp4(bytes).durationSeconds).toBeGreaterThan(0);
  });

  it('saves a task’s stored video after checking its SHA-256, and keeps nothing that differs', async () => {
    const task = await setup.ads.generateAndWait(
      { prompt: 'a paper plane', provider: 'sandbox' },
      { pollIntervalMs: 100 },
    );
    const destination = path.join(folder, 'checked/plane.mp4');
    const result = await downloadVideo(task, destination);
    expect(result.sha256).toBe(task.videos[0]?.sha256);
    const tampered = path.join(folder, 'tampered/plane.mp4');
    const error = await download(task.videoUrl as string, tampered, { sha256: '0'.repeat(64) }).catch(
      (e) => e,
    );
    expect(IntegrityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('not the one the gateway stored');
    expect(await readdir(path.join(folder, 'tampered'))).toEqual([]);
  });

  it('leaves nothing behind when the gateway refuses the download', async () => {
    const destination = path.join(folder, 'missing/none.mp4');
    const error = await download(
      `${setup.gateway.url}/v1/tasks/3f0b6c1e-8a2d-4b7e-9c51-2d6e8f4a1b90/videos/0.mp4?expires=1&signature=x`,
      destination,
    ).catch((e) => e);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('403');
    expect(await readdir(folder)).not.toContain('missing');
  });
});
