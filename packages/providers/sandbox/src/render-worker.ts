import { encodeMp4 } from './encode-mp4.js';
import { decodeImage } from './read-image.js';
import type { VideoSpec } from './video-spec.js';

export interface RenderTask {
  spec: VideoSpec;
  image?: Uint8Array;
}

/** Runs in a worker thread: decodes the image (within the pixel limit) and encodes the clip. */
export default async function render({ spec, image }: RenderTask): Promise<Uint8Array> {
  let decoded: ReturnType<typeof decodeImage>;
  try {
    decoded = image ? decodeImage(image) : undefined;
  } catch {
    decoded = undefined; // an image that does not decode is rendered without, like one that cannot be fetched
  }
  return encodeMp4(spec, decoded);
}
