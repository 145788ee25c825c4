import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspectMp4 } from '@ads/provider/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError } from '../src/index.js';
import { download } from '../src/node/index.js';
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
    expect(result).toEqual({ path: destination, bytes: bytes.length });
    expect(progress.at(-1)).toBe(bytes.length);
    expect(inspectMp4(bytes).durationSeconds).toBeGreaterThan(0);
  });

  it('leaves nothing behind when the URL answers 404', async () => {
    const destination = path.join(folder, 'missing/none.mp4');
    const error = await download(`${setup.gateway.url}/files/sandbox/none.mp4`, destination).catch((e) => e);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('404');
    expect(await readdir(folder)).not.toContain('missing');
  });
});
