import * as encoderModule from 'h264-mp4-encoder';
import { fixTimestamps } from './fixed-timestamps.js';
import { paintFrame } from './paint-frames.js';
import type { RgbaImage } from './read-image.js';
import type { VideoSpec } from './video-spec.js';

// A CommonJS package: under Node's ESM loader its functions sit on the default export.
const { createH264MP4Encoder } =
  (encoderModule as unknown as { default?: typeof encoderModule }).default ?? encoderModule;

let renderCount = 0;

/** Renders the spec's frames and encodes them as an H.264 MP4 (WebAssembly, no system tools). */
export async function encodeMp4(spec: VideoSpec, image?: RgbaImage): Promise<Uint8Array> {
  const encoder = await createH264MP4Encoder();
  renderCount += 1;
  // The encoder's virtual file system is shared by every encoder: give each render its own file.
  encoder.outputFilename = `sandbox-${process.pid}-${renderCount}.mp4`;
  encoder.width = spec.width;
  encoder.height = spec.height;
  encoder.frameRate = spec.frameRate;
  encoder.speed = 10;
  encoder.quantizationParameter = 30;
  encoder.groupOfPictures = spec.frameRate;
  try {
    encoder.initialize();
    const frame = new Uint8Array(spec.width * spec.height * 4);
    for (let index = 0; index < spec.frameCount; index += 1) {
      paintFrame(spec, index, image, frame);
      encoder.addFrameRgba(frame);
    }
    encoder.finalize();
    const bytes = encoder.FS.readFile(encoder.outputFilename);
    encoder.FS.unlink(encoder.outputFilename);
    return fixTimestamps(bytes);
  } finally {
    encoder.delete();
  }
}
