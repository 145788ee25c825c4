import { encodeMp4 } from './encode-mp4.js';
import { decodeImage } from './read-image.js';
import type { VideoSpec } from './video-spec.js';

export interface RenderTask {
  spec: VideoSpec;
  image?: Uint8Array;
  /** Render without an image that does not decode, instead of refusing the clip. */
  ignoreUnreadableImage?: boolean;
}

/** A clip, or why its image could not be used. */
export type RenderResult = { bytes: Uint8Array } | { unreadableImage: string };

/** Runs in a worker thread: decodes the image (within the pixel limit) and encodes the clip. */
export default async function render({
  spec,
  image,
  ignoreUnreadableImage,
}: RenderTask): Promise<RenderResult> {
  let decoded: ReturnType<typeof decodeImage>;
  let problem: string | undefined;
  try {
    decoded = image ? decodeImage(image) : undefined;
    if (image && !decoded) problem = 'it is not a PNG or JPEG within 25 megapixels';
  } catch (error) {
    problem = `it does not decode (${error instanceof Error ? error.message : String(error)})`;
  }
  if (problem && !ignoreUnreadableImage) return { unreadableImage: problem };
  return { bytes: await encodeMp4(spec, decoded) };
}
