import type { DerivationRules } from '@ads/provider';

/** fal's field naming conventions, read by deriveCatalogEntry. */
export const falDerivationRules: DerivationRules = {
  provider: 'fal',
  imageFields: [
    { name: 'image_url', endFrame: ['end_image_url', 'tail_image_url'] },
    { name: 'start_image_url', endFrame: ['end_image_url'] },
    { name: 'first_frame_url', endFrame: ['last_frame_url'] },
    { name: 'image_urls' },
  ],
  videoFields: ['video_url', 'video_urls'],
  standardCandidates: {
    duration: ['duration'],
    aspect_ratio: ['aspect_ratio'],
    resolution: ['resolution'],
    seed: ['seed'],
    negative_prompt: ['negative_prompt'],
    audio: ['generate_audio'],
  },
  videoTransformPattern: /video-to-video|extend-video|\/edit|\/modify|\/reframe/,
  needsMediaPattern: /image-to-video|reference-to-video|first-last-frame|remix|-i2v|extend/,
  typicalRunSeconds: [
    [/kling-video/, 180],
    [/veo3/, 90],
    [/sora-2/, 240],
    [/minimax|hailuo/, 240],
  ],
  defaultRunSeconds: 120,
};
