export { encodeMp4 } from './encode-mp4.js';
export { decodeImage, fetchImage, imageLimits, type RgbaImage, UnreadableImageError } from './read-image.js';
export { maxPixelFrames, renderLimitIssues } from './render-limits.js';
export { RenderPool, type RenderPoolSettings } from './render-pool.js';
export {
  sandboxAspectRatios,
  sandboxCatalog,
  sandboxDefaults,
  sandboxResolutions,
  sandboxVideoEntry,
} from './sandbox-catalog.js';
export {
  createSandbox,
  type SandboxOutput,
  SandboxProvider,
  type SandboxSettings,
} from './sandbox-provider.js';
export { frameSize, seedFor, type VideoSpec, videoSpec } from './video-spec.js';
