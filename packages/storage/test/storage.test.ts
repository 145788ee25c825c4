import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { startS3Server, type TestS3Server } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage, S3Storage, StorageNotFoundError, type VideoStorage } from '../src/index.js';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.close();
});

const engines: Array<[string, () => VideoStorage]> = [
  ['local', () => new LocalStorage(mkdtempSync(path.join(tmpdir(), 'ads-storage-')))],
  [
    's3',
    () =>
      new S3Storage({
        bucket: s3.environment.ADS_S3_BUCKET as string,
        endpoint: s3.url,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        partBytes: 5 * 1024 * 1024,
      }),
  ],
];

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(engines)('%s storage', (_name, make) => {
  let storage: VideoStorage;
  beforeAll(() => {
    storage = make();
  });
  afterAll(async () => {
    await storage.close();
  });

  it('streams a multipart-sized file in and reads it back whole and by range', async () => {
    const body = randomBytes(12 * 1024 * 1024 + 17);
    // Delivered in small chunks, as a download arrives.
    const source = Readable.from(
      (function* () {
        for (let offset = 0; offset < body.length; offset += 64 * 1024)
          yield body.subarray(offset, offset + 64 * 1024);
      })(),
    );
    const written = await storage.put('videos/w1/t1/0.mp4', source, { contentType: 'video/mp4' });
    expect(written.bytes).toBe(body.length);
    expect(await storage.head('videos/w1/t1/0.mp4')).toEqual({ bytes: body.length });
    expect(digest(await bytesOf(await storage.read('videos/w1/t1/0.mp4')))).toBe(digest(body));
    const part = await bytesOf(await storage.read('videos/w1/t1/0.mp4', { start: 100, end: 199 }));
    expect(part.equals(body.subarray(100, 200))).toBe(true);
  });

  it('answers a missing key as missing, and deletes idempotently', async () => {
    await storage.put('videos/w1/t2/0.mp4', new TextEncoder().encode('hello'), { contentType: 'video/mp4' });
    expect(await text(await storage.read('videos/w1/t2/0.mp4'))).toBe('hello');
    await storage.delete('videos/w1/t2/0.mp4');
    await storage.delete('videos/w1/t2/0.mp4');
    expect(await storage.head('videos/w1/t2/0.mp4')).toBeUndefined();
    await expect(storage.read('videos/w1/t2/0.mp4')).rejects.toSatisfy(StorageNotFoundError.isInstance);
  });

  it('leaves nothing under the key when the source fails midway', async () => {
    const failing = new Readable({ read() {} });
    failing.push(randomBytes(6 * 1024 * 1024));
    setImmediate(() => failing.destroy(new Error('the upstream went away')));
    await expect(storage.put('videos/w1/t3/0.mp4', failing, { contentType: 'video/mp4' })).rejects.toThrow();
    expect(await storage.head('videos/w1/t3/0.mp4')).toBeUndefined();
  });

  it('refuses a key that climbs out of its folder', async () => {
    await expect(storage.head('../etc/passwd')).rejects.toThrow(/not a storage key/);
  });
});

describe('local storage partials', () => {
  it('sweeps what a write cut short left behind', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ads-storage-'));
    const storage = new LocalStorage(root);
    const failing = new Readable({ read() {} });
    failing.push(Buffer.alloc(1024));
    setImmediate(() => failing.destroy(new Error('cut')));
    await expect(storage.put('a/b.mp4', failing, { contentType: 'video/mp4' })).rejects.toThrow();
    // A failed write cleans up after itself; only a crash leaves a partial behind.
    expect(readdirSync(path.join(root, '.partial'))).toEqual([]);
    expect(await storage.sweepPartials(0)).toBe(0);
  });
});
