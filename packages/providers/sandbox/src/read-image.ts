import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const maxImageBytes = 20 * 1024 * 1024;

/** Decodes PNG or JPEG bytes to RGBA; undefined for any other format. */
export function decodeImage(bytes: Uint8Array): RgbaImage | undefined {
  const buffer = Buffer.from(bytes);
  if (buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    const png = PNG.sync.read(buffer);
    return { width: png.width, height: png.height, data: png.data };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xd8) {
    const decoded = jpeg.decode(buffer, { useTArray: true, maxMemoryUsageInMB: 256 });
    return { width: decoded.width, height: decoded.height, data: decoded.data };
  }
  return undefined;
}

/**
 * Reads the first of the URLs that answers with a PNG or JPEG. The sandbox animates it when it
 * can; an image it cannot read is not an error (the clip is rendered without it).
 */
export async function readFirstImage(
  urls: readonly string[],
  signal?: AbortSignal,
): Promise<RgbaImage | undefined> {
  for (const url of urls) {
    try {
      const response = await fetch(url, { signal: signal ?? AbortSignal.timeout(10_000) });
      if (!response.ok) continue;
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength > maxImageBytes) continue;
      const image = decodeImage(bytes);
      if (image) return image;
    } catch {
      // unreachable or unreadable: try the next one
    }
  }
  return undefined;
}
