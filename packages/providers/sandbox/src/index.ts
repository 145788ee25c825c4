export { encodeMp4 } from './encode-mp4.js';
export { decodeImage, type RgbaImage, readFirstImage } from './read-image.js';
export {
  sandboxAspectRatios,
  sandboxCatalog,
  sandboxDefaults,
  sandboxResolutions,
  sandboxVideoEntry,
} from './sandbox-catalog.js';
export { createSandbox, SandboxProvider, type SandboxSettings } from './sandbox-provider.js';
export { frameSize, seedFor, type VideoSpec, videoSpec } from './video-spec.js';
