import { describe, expect, it } from 'vitest';
import { Mp4Probe } from '../src/index.js';
import { inspectMp4, tinyVideo } from '../src/testing/index.js';

function boxesOf(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = new Map<string, Uint8Array>();
  for (let offset = 0; offset < bytes.length; ) {
    const size = view.getUint32(offset);
    found.set(
      String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)),
      bytes.subarray(offset, offset + size),
    );
    offset += size;
  }
  return found;
}

function probe(bytes: Uint8Array, chunk: number) {
  const reader = new Mp4Probe();
  for (let offset = 0; offset < bytes.length; offset += chunk)
    reader.write(bytes.subarray(offset, offset + chunk));
  return reader.facts();
}

describe('Mp4Probe', () => {
  const video = tinyVideo();
  const expected = inspectMp4(video);

  it.each([1, 7, 4096, 1 << 20])('reads the facts of a real MP4 fed %i bytes at a time', (chunk) => {
    expect(probe(video, chunk)).toEqual({
      contentType: 'video/mp4',
      width: expected.width,
      height: expected.height,
      durationSeconds: expected.durationSeconds,
    });
  });

  it('finds a moov after the media data, past a 64-bit sized mdat', () => {
    const parts = boxesOf(video);
    const mdatBody = Buffer.alloc(3 * 1024 * 1024, 7);
    const mdat = Buffer.alloc(16);
    mdat.writeUInt32BE(1, 0);
    mdat.write('mdat', 4, 'latin1');
    mdat.writeBigUInt64BE(BigInt(16 + mdatBody.length), 8);
    const file = Buffer.concat([
      parts.get('ftyp') as Uint8Array,
      mdat,
      mdatBody,
      parts.get('moov') as Uint8Array,
    ]);
    expect(probe(file, 65_536)).toMatchObject({ width: expected.width, height: expected.height });
  });

  it('says nothing of bytes that are no MP4', () => {
    expect(probe(new TextEncoder().encode('<html>not found</html>'), 5)).toEqual({
      contentType: undefined,
      width: undefined,
      height: undefined,
      durationSeconds: undefined,
    });
  });
});
