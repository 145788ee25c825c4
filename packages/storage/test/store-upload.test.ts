import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStorage, sniffMediaType, storeUpload, UploadRefusedError } from '../src/index.js';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const ftyp = (brand: string) =>
  Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`), randomBytes(100)]);
const ebml = (docType: string) =>
  Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]),
    Buffer.from(docType),
    randomBytes(40),
  ]);

/** Yields the bytes in small chunks, as a network read would. */
async function* chunks(bytes: Buffer, size = 7) {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

describe('sniffMediaType', () => {
  it('tells each accepted type by its bytes and refuses the rest', () => {
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).toBe('image/jpeg');
    expect(
      sniffMediaType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])),
    ).toBe('image/webp');
    expect(sniffMediaType(ftyp('isom'))).toBe('video/mp4');
    expect(sniffMediaType(ftyp('qt  '))).toBe('video/quicktime');
    expect(sniffMediaType(ebml('webm'))).toBe('video/webm');
    expect(sniffMediaType(ebml('matroska'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from('<html><body>not an image</body></html>'))).toBeUndefined();
    expect(
      sniffMediaType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')])),
    ).toBeUndefined();
  });
});

describe('storeUpload', () => {
  const storage = () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ads-upload-'));
    return { root, storage: new LocalStorage(root) };
  };

  it('stores the bytes with their type, size and SHA-256', async () => {
    const { storage: local } = storage();
    const stored = await storeUpload(local, 'files/a.bin', chunks(png), { maxBytes: 10_000 });
    expect(stored).toEqual({
      bytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
      contentType: 'image/png',
    });
    expect(await local.head('files/a.bin')).toEqual({ bytes: png.length });
  });

  it('stops at the limit and leaves nothing under the key', async () => {
    const { root, storage: local } = storage();
    let read = 0;
    async function* endless() {
      yield png;
      for (;;) {
        read += 1024;
        yield Buffer.alloc(1024);
      }
    }
    const refusal = await storeUpload(local, 'files/big.bin', endless(), { maxBytes: 50_000 }).catch(
      (error: unknown) => error,
    );
    expect(UploadRefusedError.isInstance(refusal) && refusal.reason).toBe('too_large');
    expect(read).toBeLessThan(60_000);
    expect(await local.head('files/big.bin')).toBeUndefined();
    expect(readdirSync(path.join(root, '.partial'))).toEqual([]);
  });

  it('refuses bytes of another type before writing, whatever the name says', async () => {
    const { storage: local } = storage();
    const html = Buffer.from('<!doctype html><script>alert(1)</script>'.repeat(4));
    const refusal = await storeUpload(local, 'files/x.png', chunks(html), { maxBytes: 10_000 }).catch(
      (error: unknown) => error,
    );
    expect(UploadRefusedError.isInstance(refusal) && refusal.reason).toBe('unsupported_type');
    expect(await local.head('files/x.png')).toBeUndefined();
    const empty = await storeUpload(local, 'files/e.png', chunks(Buffer.alloc(0)), { maxBytes: 10 }).catch(
      (error: unknown) => error,
    );
    expect(UploadRefusedError.isInstance(empty) && empty.reason).toBe('empty');
  });
});
