import type { DerivationRules } from '@ads/provider';

/** kie's field naming conventions, read by deriveCatalogEntry. */
export const kieDerivationRules: DerivationRules = {
  provider: 'kie',
  api: 'jobs',
  imageFields: [
    { name: 'image_url', endFrame: ['tail_image_url', 'end_image_url', 'last_frame_url'] },
    { name: 'first_frame_url', endFrame: ['last_frame_url'] },
    { name: 'first_frame_image_url', endFrame: ['last_frame_image_url'] },
    { name: 'image_urls' },
    { name: 'input_urls' },
    { name: 'reference_image_urls' },
    { name: 'reference_image' },
    { name: 'first_frame' },
  ],
  videoFields: ['video_url', 'video_urls', 'reference_video_urls', 'reference_video', 'first_clip_url'],
  standardCandidates: {
    duration: ['duration', 'n_frames'],
    aspect_ratio: ['aspect_ratio', 'ratio'],
    resolution: ['resolution'],
    seed: ['seed', 'seeds'],
    negative_prompt: ['negative_prompt'],
    audio: ['generate_audio', 'sound', 'audio', 'generate_audio_switch'],
  },
  videoTransformPattern:
    /video-edit|videoedit|video-to-video|transformation|upscale|lip-sync|motion-control|animate/,
  needsMediaPattern:
    /image-to-video|reference|r2v|transition|avatar|from-audio|omnihuman|extend|upscale|edit/,
  typicalRunSeconds: [
    [/^bytedance\/seedance-2-(mini|fast)/, 90],
    [/^bytedance\//, 120],
    [/^(hailuo|minimax)/, 240],
    [/^(kling-3|kling\/v3)/, 180],
  ],
  defaultRunSeconds: 150,
};
