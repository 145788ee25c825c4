import type { OutboundFetcher } from '@ads/provider';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The largest image file read, and the most pixels decoded (25 MP is 100 MB of RGBA). */
export const imageLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 25_000_000 } as const;

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Decodes PNG or JPEG bytes to RGBA; undefined for any other format, and for an image that declares
 * more pixels than the limit (read from its header, before anything is decoded).
 */
export function decodeImage(
  bytes: Uint8Array,
  maxPixels: number = imageLimits.maxPixels,
): RgbaImage | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 24 && buffer.subarray(0, 8).equals(pngSignature)) {
    // IHDR is always the first chunk: width and height at bytes 16 and 20.
    if (buffer.readUInt32BE(16) * buffer.readUInt32BE(20) > maxPixels) return undefined;
    const png = PNG.sync.read(buffer);
    return { width: png.width, height: png.height, data: png.data };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xd8) {
    const decoded = jpeg.decode(buffer, {
      useTArray: true,
      maxResolutionInMP: maxPixels / 1_000_000,
      maxMemoryUsageInMB: 256,
    });
    return { width: decoded.width, height: decoded.height, data: decoded.data };
  }
  return undefined;
}

/** Whether the bytes start like a PNG or JPEG (what is worth handing to a render). */
export const looksLikeImage = (bytes: Uint8Array) =>
  (bytes[0] === 0x89 && bytes[1] === 0x50) || (bytes[0] === 0xff && bytes[1] === 0xd8);

/** An image input the sandbox could not use: the task fails with this, unless told to go on without. */
export class UnreadableImageError extends Error {
  override readonly name = 'UnreadableImageError';
}

/** How the sandbox names a file it reads from the gateway's storage rather than over HTTP. */
export const storedUrlPrefix = 'storage:';

/** The bytes of a stored file, refused past the image limit (read no further). */
async function readLimited(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.byteLength;
    if (bytes > imageLimits.maxBytes) throw new Error(`it is larger than ${imageLimits.maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Fetches the image the clip animates, through the gateway's outbound fetcher (public addresses
 * only, a byte limit that stops early). The first URL is the image: one that cannot be fetched, or
 * is no PNG or JPEG, is an `UnreadableImageError`. With `ignoreUnreadable`, the first of the URLs
 * that can be read is taken instead, and none at all renders the clip without (each one skipped is
 * told to `onSkipped`).
 */
export async function fetchImage(
  fetcher: OutboundFetcher,
  urls: readonly string[],
  options: {
    ignoreUnreadable: boolean;
    signal?: AbortSignal;
    onSkipped?: (url: string, error: unknown) => void;
    /** Reads a file of the gateway's storage, for a `storage:<key>` URL (an uploaded input). */
    readStored?: (key: string) => Promise<AsyncIterable<Uint8Array>>;
  },
): Promise<Uint8Array | undefined> {
  for (const [index, url] of urls.entries()) {
    let problem: unknown;
    try {
      const { bytes } =
        url.startsWith(storedUrlPrefix) && options.readStored
          ? { bytes: await readLimited(await options.readStored(url.slice(storedUrlPrefix.length))) }
          : await fetcher.fetchBytes(url, {
              maxBytes: imageLimits.maxBytes,
              accept: 'image/png, image/jpeg',
              ...(options.signal ? { signal: options.signal } : {}),
            });
      if (looksLikeImage(bytes)) return bytes;
      problem = new Error('it is not a PNG or JPEG');
    } catch (error) {
      problem = error;
    }
    if (!options.ignoreUnreadable) {
      throw new UnreadableImageError(
        `The sandbox could not read image ${index + 1} (${url.slice(0, 200)}): ${describe(problem)}. Give a public PNG or JPEG URL, or set options.ignore_unreadable_images to true to render without it.`,
      );
    }
    options.onSkipped?.(url, problem);
  }
  return undefined;
}
