const containers = new Set(['moov', 'trak', 'mdia']);
const stamped = new Set(['mvhd', 'tkhd', 'mdhd']);

/**
 * Zeroes the creation and modification times the encoder writes into the movie, track and media
 * headers, so the same frames always give the same bytes.
 */
export function fixTimestamps(bytes: Uint8Array, start = 0, end = bytes.byteLength): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = start; offset + 8 <= end; ) {
    const size = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (size < 8 || offset + size > end) break;
    const body = offset + 8;
    if (containers.has(type)) fixTimestamps(bytes, body, offset + size);
    if (stamped.has(type)) {
      const fieldBytes = bytes[body] === 1 ? 8 : 4;
      bytes.fill(0, body + 4, body + 4 + 2 * fieldBytes);
    }
    offset += size;
  }
  return bytes;
}
