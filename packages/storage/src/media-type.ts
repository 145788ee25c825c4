/** The media a gateway accepts as uploaded input, by the type its bytes show. */
export const uploadMediaTypes = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'video/mp4',
  'video/quicktime',
  'video/webm',
] as const;
export type UploadMediaType = (typeof uploadMediaTypes)[number];

/** How many leading bytes `sniffMediaType` needs to tell every accepted type apart. */
export const sniffBytes = 64;

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));

/**
 * The media type the first bytes of a file show (their signature, never a name or a header), or
 * undefined when they are none of the accepted types. MP4 and MOV share the ISO box layout: the
 * `ftyp` box's major brand `qt  ` marks a QuickTime file. WebM is the EBML header whose DocType is
 * `webm` (a Matroska file says `matroska` and is refused).
 */
export function sniffMediaType(bytes: Uint8Array): UploadMediaType | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG') return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    return ascii(bytes, 8, 12) === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  }
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return ascii(bytes, 4, Math.min(bytes.length, sniffBytes)).includes('webm') ? 'video/webm' : undefined;
  }
  return undefined;
}
