import { randomBytes } from 'node:crypto';
import { startRecordingServer, testInputFile } from '@ads/provider/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createFal, falMultipartThreshold } from '../src/index.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const mp4 = (bytes: number) =>
  Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), randomBytes(bytes - 12)]);

describe('fal file delivery', () => {
  it('gives the gateway’s public link as it is, with no upload', async () => {
    const fal = createFal({ apiKey: 'k', restURL: 'http://127.0.0.1:1' });
    const file = testInputFile(mp4(1000), { publicUrl: 'https://gw.example.com/v1/files/f/content?x=1' });
    expect(await fal.deliverFile(file)).toBe(file.publicUrl);
  });

  it('initiates with the fal key, PUTs the bytes to the presigned URL without it, and gives file_url', async () => {
    const bytes = mp4(400_000);
    const server = await startRecordingServer((request) =>
      request.url.startsWith('/storage/upload/initiate')
        ? {
            status: 200,
            body: {
              upload_url: `${origin}/presigned/clip?X-Goog-Signature=abc`,
              file_url: 'https://v3.fal.media/files/penguin/clip.mp4',
            },
          }
        : { status: 200, body: '' },
    );
    const origin = server.origin;
    close = server.close;
    const fal = createFal({ apiKey: 'fal-key', restURL: server.origin });
    const url = await fal.deliverFile(testInputFile(bytes, { contentType: 'video/mp4', filename: 'f.mp4' }));
    expect(url).toBe('https://v3.fal.media/files/penguin/clip.mp4');
    const [initiate, put] = server.received;
    expect(initiate?.url).toBe('/storage/upload/initiate?storage_type=fal-cdn-v3');
    expect(initiate?.headers.authorization).toBe('Key fal-key');
    expect(JSON.parse(String(initiate?.body))).toEqual({ content_type: 'video/mp4', file_name: 'f.mp4' });
    expect(put?.method).toBe('PUT');
    expect(put?.url).toBe('/presigned/clip?X-Goog-Signature=abc');
    expect(put?.headers.authorization).toBeUndefined();
    expect(put?.headers['content-type']).toBe('video/mp4');
    expect(put?.body.equals(bytes)).toBe(true);
  });

  it('sends a file over 90 MB in 10 MB parts and completes it, as fal-js does', async () => {
    const size = falMultipartThreshold + 5 * 1024 * 1024;
    const bytes = mp4(size);
    const server = await startRecordingServer((request) => {
      if (request.url.startsWith('/storage/upload/initiate-multipart')) {
        return {
          status: 200,
          body: { upload_url: `${origin}/mp/big?sig=1`, file_url: 'https://v3.fal.media/files/big.mp4' },
        };
      }
      const part = /^\/mp\/big\/(\d+)\?sig=1$/.exec(request.url);
      if (part) return { status: 200, body: { partNumber: Number(part[1]), etag: `etag-${part[1]}` } };
      return { status: 200, body: {} };
    });
    const origin = server.origin;
    close = server.close;
    const fal = createFal({ apiKey: 'fal-key', restURL: server.origin });
    const url = await fal.deliverFile(testInputFile(bytes, { contentType: 'video/mp4' }));
    expect(url).toBe('https://v3.fal.media/files/big.mp4');
    const parts = server.received.filter((request) => request.method === 'PUT');
    expect(parts.map((request) => request.body.length)).toEqual([
      ...Array.from({ length: 9 }, () => 10 * 1024 * 1024),
      size - 9 * 10 * 1024 * 1024,
    ]);
    expect(Buffer.concat(parts.map((request) => request.body)).equals(bytes)).toBe(true);
    const complete = server.received.at(-1);
    expect(complete?.url).toBe('/mp/big/complete?sig=1');
    expect(JSON.parse(String(complete?.body)).parts).toEqual(
      parts.map((_, index) => ({ partNumber: index + 1, etag: `etag-${index + 1}` })),
    );
  }, 60_000);
});
