import type { CatalogEntry, ModelSceneId } from '@ads/provider';

export const sandboxAspectRatios = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'] as const;
export const sandboxResolutions = ['240p', '360p', '480p'] as const;

/** The one sandbox model: every scene, no cost, a real MP4 rendered on this machine. */
export const sandboxVideoEntry: CatalogEntry = {
  provider: 'sandbox',
  model: 'sandbox-video',
  name: 'Sandbox video (offline, renders locally)',
  scenes: ['text-to-video', 'image-to-video', 'video-to-video'],
  fields: [
    { name: 'prompt', type: 'string', maxLength: 10000 },
    {
      name: 'image_urls',
      type: 'array',
      items: 'string',
      maxItems: 10,
      description:
        'The first image is animated; one the sandbox cannot read fails the task (see ignore_unreadable_images).',
    },
    {
      name: 'ignore_unreadable_images',
      type: 'boolean',
      default: false,
      description:
        'Animate the first image that can be read, or none, instead of failing on an unreadable one.',
    },
    { name: 'video_url', type: 'string', description: 'Not decoded: its URL tints the rendered clip.' },
    { name: 'duration', type: 'number', minimum: 1, maximum: 20, default: 3 },
    { name: 'aspect_ratio', type: 'string', enum: [...sandboxAspectRatios], default: '16:9' },
    { name: 'resolution', type: 'string', enum: [...sandboxResolutions], default: '240p' },
    { name: 'seed', type: 'integer', minimum: 0, maximum: 4294967295 },
    {
      name: 'fail',
      type: 'boolean',
      default: false,
      description: 'End the job as failed, to exercise failure paths.',
    },
    { name: 'fail_message', type: 'string', maxLength: 500 },
    { name: 'run_seconds', type: 'number', minimum: 0, maximum: 600, description: 'How long the job takes.' },
  ],
  promptField: 'prompt',
  image: { field: 'image_urls', list: true, max: 10, required: false },
  video: { field: 'video_url', list: false, max: 1, required: false },
  standard: {
    duration: { field: 'duration' },
    aspect_ratio: { field: 'aspect_ratio' },
    resolution: { field: 'resolution' },
    seed: { field: 'seed' },
  },
  credits: 0,
  typicalRunSeconds: 3,
  notes: 'Offline: no key, no network, no cost.',
};

export const sandboxCatalog: readonly CatalogEntry[] = [sandboxVideoEntry];

export const sandboxDefaults: Readonly<Partial<Record<ModelSceneId, string>>> = {
  'text-to-video': 'sandbox-video',
  'image-to-video': 'sandbox-video',
  'video-to-video': 'sandbox-video',
};
