import type { CatalogEntry } from '../src/index.js';

/** Shaped like kie's Wan 2.7 image-to-video schema. */
export const wanImageToVideo: CatalogEntry = {
  provider: 'kie',
  model: 'wan/2-7-image-to-video',
  name: 'Wan 2.7 image to video',
  scenes: ['image-to-video'],
  promptField: 'prompt',
  fields: [
    { name: 'prompt', type: 'string', required: true, maxLength: 5000 },
    { name: 'first_frame_url', type: 'string' },
    { name: 'last_frame_url', type: 'string' },
    { name: 'duration', type: 'integer', minimum: 2, maximum: 15, default: 5 },
    { name: 'resolution', type: 'string', enum: ['720p', '1080p'], default: '1080p' },
    { name: 'seed', type: 'integer', minimum: 0, maximum: 2147483647 },
    { name: 'negative_prompt', type: 'string', maxLength: 500 },
    { name: 'prompt_extend', type: 'boolean', default: true },
  ],
  image: { field: 'first_frame_url', list: false, max: 1, endFrameField: 'last_frame_url', required: false },
  standard: {
    duration: { field: 'duration' },
    resolution: { field: 'resolution' },
    seed: { field: 'seed' },
    negative_prompt: { field: 'negative_prompt' },
  },
  typicalRunSeconds: 120,
};

/** Shaped like kie's legacy Sora 2 Pro image-to-video: string durations, named aspect ratios, required fields. */
export const soraImageToVideo: CatalogEntry = {
  provider: 'kie',
  model: 'sora-2-pro-image-to-video',
  name: 'Sora 2 Pro image to video',
  scenes: ['image-to-video'],
  promptField: 'prompt',
  fields: [
    { name: 'prompt', type: 'string', required: true },
    { name: 'image_urls', type: 'array', items: 'string', required: true, maxItems: 1 },
    { name: 'aspect_ratio', type: 'string', enum: ['portrait', 'landscape'], default: 'landscape' },
    { name: 'n_frames', type: 'string', enum: ['10', '15'], default: '10', required: true },
    { name: 'size', type: 'string', enum: ['standard', 'high'], required: true },
  ],
  image: { field: 'image_urls', list: true, max: 1, required: true },
  standard: {
    duration: { field: 'n_frames' },
    aspect_ratio: { field: 'aspect_ratio', values: { '16:9': 'landscape', '9:16': 'portrait' } },
  },
  typicalRunSeconds: 300,
};
