import type { DerivationRules } from '@ads/provider';

/** fal's field naming conventions, read by deriveCatalogEntry. */
export const falDerivationRules: DerivationRules = {
  provider: 'fal',
  imageFields: [
    { name: 'image_url', endFrame: ['end_image_url', 'tail_image_url'] },
    { name: 'start_image_url', endFrame: ['end_image_url'] },
    { name: 'first_frame_url', endFrame: ['last_frame_url'] },
    { name: 'first_image_url', endFrame: ['end_image_url', 'last_image_url'] },
    { name: 'image_urls' },
    // Reference-to-video: the request's images are the references.
    { name: 'reference_image_urls' },
    { name: 'input_image_urls' },
    { name: 'subject_reference_image_url' },
    { name: 'reference_image_url' },
  ],
  videoFields: ['video_url', 'video_urls', 'reference_video_urls', 'control_video_url'],
  standardCandidates: {
    duration: ['duration'],
    aspect_ratio: ['aspect_ratio'],
    resolution: ['resolution'],
    seed: ['seed'],
    negative_prompt: ['negative_prompt'],
    audio: ['generate_audio'],
  },
  videoTransformPattern: /video-to-video|extend-video|\/edit|\/modify|\/reframe/,
  needsMediaPattern:
    /image-to-video|reference-to-video|first-last-frame|remix|-i2v|extend|transition|effects|elements/,
  typicalRunSeconds: [
    [/kling-video/, 180],
    [/veo3/, 90],
    [/sora-2/, 240],
    [/minimax|hailuo/, 240],
  ],
  defaultRunSeconds: 120,
};
