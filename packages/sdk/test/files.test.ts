import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError } from '../src/index.js';
import { useGateway } from './support/gateway.js';

const setup = useGateway();

/** The 8-byte PNG signature and an IHDR: enough for the gateway to know it is a PNG. */
const pngBytes = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(300_000, 7),
]);

describe('client.files', () => {
  it('uploads a Blob and a local path (with progress), reads and deletes them', async () => {
    const fromBlob = await setup.ads.files.upload(new Blob([pngBytes], { type: 'image/png' }), {
      filename: 'ref.png',
    });
    expect(fromBlob).toMatchObject({
      object: 'file',
      bytes: pngBytes.length,
      content_type: 'image/png',
      filename: 'ref.png',
    });

    const folder = mkdtempSync(path.join(tmpdir(), 'ads-sdk-upload-'));
    const file = path.join(folder, 'local-ref.png');
    writeFileSync(file, pngBytes);
    const progress: number[] = [];
    const fromPath = await setup.ads.files.upload(file, {
      onProgress: ({ sentBytes, totalBytes }) => {
        expect(totalBytes).toBe(pngBytes.length);
        progress.push(sentBytes);
      },
    });
    expect(fromPath).toMatchObject({ filename: 'local-ref.png', sha256: fromBlob.sha256 });
    expect(progress.at(-1)).toBe(pngBytes.length);
    expect(progress.length).toBeGreaterThan(1);

    expect(await setup.ads.files.get(fromPath.id)).toMatchObject({ id: fromPath.id });
    expect(await setup.ads.files.delete(fromPath.id)).toEqual({
      id: fromPath.id,
      object: 'file',
      deleted: true,
    });
    await expect(setup.ads.files.get(fromPath.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives an uploaded file as an image input', async () => {
    const file = await setup.ads.files.upload(new Blob([pngBytes]), { filename: 'x.png' });
    const task = await setup.ads.videos.create({
      scene: 'image-to-video',
      model: 'sandbox/sandbox-video',
      prompt: 'slow pan',
      image_input: [file.id],
    });
    expect(task.scene).toBe('image-to-video');
  });

  it('maps a refused upload to an error class with the envelope’s code', async () => {
    const refused = await setup.ads.files
      .upload(new Blob(['plain text, not an image']), { filename: 'notes.png' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).code).toBe('unsupported_media_type');
  });
});
