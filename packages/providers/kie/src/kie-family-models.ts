import type { CatalogEntry } from '@ads/provider';

/**
 * kie's Runway, Runway Aleph and Veo 3.1 extend APIs, each on its own endpoints (docs.kie.ai
 * runway-api and veo3-api, request schemas of the 2026-08 docs snapshot). An extend continues an
 * earlier gateway task of the same family: its source video is that task's video URL.
 */

const runwayAspect = ['16:9', '4:3', '1:1', '3:4', '9:16'];
const watermark = {
  name: 'waterMark',
  type: 'string',
  default: '',
  description: 'Watermark text; empty for none.',
} as const;
const quality = {
  name: 'quality',
  type: 'string',
  enum: ['720p', '1080p'],
  default: '720p',
  required: true,
  description: '1080p cannot be combined with a 10 s video.',
} as const;

export const kieFamilyEntries: readonly CatalogEntry[] = [
  {
    provider: 'kie',
    model: 'runway',
    name: 'Runway (text or image to video)',
    scenes: ['text-to-video', 'image-to-video'],
    fields: [
      { name: 'prompt', type: 'string', required: true, maxLength: 1800 },
      { name: 'duration', type: 'integer', enum: [5, 10], default: 5, required: true },
      quality,
      { name: 'imageUrl', type: 'string', description: 'A reference image to animate.' },
      {
        name: 'aspectRatio',
        type: 'string',
        enum: runwayAspect,
        default: '16:9',
        description: 'Ignored when an image is given: the image decides.',
      },
      watermark,
    ],
    promptField: 'prompt',
    image: { field: 'imageUrl', list: false, max: 1, required: false },
    standard: {
      duration: { field: 'duration' },
      aspect_ratio: { field: 'aspectRatio' },
      resolution: { field: 'quality' },
    },
    typicalRunSeconds: 120,
    api: 'runway',
    notes: 'kie Runway API (/api/v1/runway/generate). Videos are kept 14 days upstream.',
  },
  {
    provider: 'kie',
    model: 'runway/extend',
    name: 'Runway extend (continue a Runway video)',
    scenes: ['video-to-video'],
    fields: [
      { name: 'taskId', type: 'string', required: true, description: 'The Runway task to continue.' },
      { name: 'prompt', type: 'string', required: true, maxLength: 1800 },
      quality,
      watermark,
    ],
    promptField: 'prompt',
    video: { field: 'taskId', list: false, max: 1, required: true },
    sourceTask: { apis: ['runway', 'runway-extend'] },
    standard: { resolution: { field: 'quality' } },
    typicalRunSeconds: 120,
    api: 'runway-extend',
    notes: 'Give as video input the URL of a Runway video this gateway made (kie /api/v1/runway/extend).',
  },
  {
    provider: 'kie',
    model: 'runway-aleph',
    name: 'Runway Aleph (video to video)',
    scenes: ['video-to-video'],
    fields: [
      { name: 'prompt', type: 'string', required: true },
      { name: 'videoUrl', type: 'string', required: true, description: 'Only its first 5 s are used.' },
      { name: 'referenceImage', type: 'string', description: 'A style or content reference.' },
      { name: 'aspectRatio', type: 'string', enum: ['16:9', '9:16', '4:3', '3:4', '1:1', '21:9'] },
      { name: 'seed', type: 'integer' },
      { name: 'uploadCn', type: 'boolean', default: false, description: 'Store the output in Alibaba OSS.' },
      watermark,
    ],
    promptField: 'prompt',
    video: { field: 'videoUrl', list: false, max: 1, required: true },
    image: { field: 'referenceImage', list: false, max: 1, required: false },
    standard: { aspect_ratio: { field: 'aspectRatio' }, seed: { field: 'seed' } },
    typicalRunSeconds: 150,
    api: 'aleph',
    notes: 'kie Runway Aleph API (/api/v1/aleph/generate); the output is at most 5 s.',
  },
  {
    provider: 'kie',
    model: 'veo3/extend',
    name: 'Google Veo 3.1 extend (continue a Veo video)',
    scenes: ['video-to-video'],
    fields: [
      { name: 'taskId', type: 'string', required: true, description: 'The Veo task to continue.' },
      { name: 'prompt', type: 'string', required: true },
      { name: 'model', type: 'string', enum: ['fast', 'quality', 'lite'], default: 'fast' },
      { name: 'seeds', type: 'integer', minimum: 10000, maximum: 99999 },
      { name: 'watermark', type: 'string' },
    ],
    promptField: 'prompt',
    video: { field: 'taskId', list: false, max: 1, required: true },
    sourceTask: { apis: ['veo', 'veo-extend'] },
    standard: { seed: { field: 'seeds' } },
    typicalRunSeconds: 120,
    api: 'veo-extend',
    notes:
      'Give as video input the URL of a Veo 3.1 video this gateway made; a 1080p follow-up cannot be extended (kie /api/v1/veo/extend).',
  },
];

/** A 1080p or 4K version of a finished Veo 3.1 video: kie's own follow-up calls. */
function veoUpgrade(
  model: string,
  name: string,
  api: string,
  typicalRunSeconds: number,
  notes: string,
): CatalogEntry {
  return {
    provider: 'kie',
    model,
    name,
    scenes: ['video-to-video'],
    fields: [
      { name: 'taskId', type: 'string', required: true, description: 'The Veo task whose video to upgrade.' },
      { name: 'index', type: 'integer', default: 0, minimum: 0, description: 'Which of its videos.' },
    ],
    video: { field: 'taskId', list: false, max: 1, required: true },
    sourceTask: { apis: ['veo', 'veo-extend'] },
    standard: {},
    typicalRunSeconds,
    api,
    notes,
  };
}

export const kieVeoUpgradeEntries: readonly CatalogEntry[] = [
  veoUpgrade(
    'veo3/1080p',
    'Google Veo 3.1 in 1080p (of a video this gateway made)',
    'veo-1080p',
    120,
    'kie /api/v1/veo/get-1080p-video: ready 1-3 min after the original; such a video cannot be extended.',
  ),
  veoUpgrade(
    'veo3/4k',
    'Google Veo 3.1 in 4K (of a video this gateway made)',
    'veo-4k',
    450,
    'kie /api/v1/veo/get-4k-video: 5-10 min, about twice a Fast generation in kie credits.',
  ),
];
