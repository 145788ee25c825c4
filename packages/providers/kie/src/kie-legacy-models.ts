import type { CatalogEntry, FieldSpec } from '@ads/provider';

/**
 * Models kie documents outside the jobs registry: Veo 3.1 on its own endpoints, and the Sora 2 ids
 * of late-2025 docs that the video generation guide uses (kie may have withdrawn them since).
 */

const soraAspect = { field: 'aspect_ratio', values: { '16:9': 'landscape', '9:16': 'portrait' } } as const;

function soraEntry(model: string, name: string, withImage: boolean, pro: boolean): CatalogEntry {
  const fields: FieldSpec[] = [
    { name: 'prompt', type: 'string', required: true, maxLength: 10000 },
    { name: 'aspect_ratio', type: 'string', enum: ['portrait', 'landscape'], default: 'landscape' },
    {
      name: 'n_frames',
      type: 'string',
      enum: ['10', '15'],
      default: '10',
      description: 'Length in seconds.',
    },
    { name: 'remove_watermark', type: 'boolean', default: true },
    { name: 'character_id_list', type: 'array', items: 'string', maxItems: 5 },
    ...(withImage
      ? [{ name: 'image_urls', type: 'array', items: 'string', required: true, maxItems: 1 } as FieldSpec]
      : []),
    ...(pro
      ? [{ name: 'size', type: 'string', enum: ['standard', 'high'], default: 'standard' } as FieldSpec]
      : []),
  ];
  return {
    provider: 'kie',
    model,
    name,
    scenes: [withImage ? 'image-to-video' : 'text-to-video'],
    fields,
    promptField: 'prompt',
    ...(withImage ? { image: { field: 'image_urls', list: true, max: 1, required: true } } : {}),
    standard: { duration: { field: 'n_frames' }, aspect_ratio: soraAspect },
    typicalRunSeconds: 300,
    // recordInfo's progress is "only returned when model is sora2 or sora2 pro" (Get Task Details).
    reportsProgress: true,
    api: 'jobs',
    notes: 'Sora 2 ids from kie docs of late 2025; absent from the 2026-08 snapshot.',
  };
}

function veoEntry(model: string, name: string, typicalRunSeconds: number): CatalogEntry {
  return {
    provider: 'kie',
    model,
    name,
    scenes: ['text-to-video', 'image-to-video'],
    fields: [
      { name: 'prompt', type: 'string', required: true },
      {
        name: 'imageUrls',
        type: 'array',
        items: 'string',
        maxItems: 2,
        description: '1 image: animate it; 2: first and last frame.',
      },
      { name: 'aspect_ratio', type: 'string', enum: ['16:9', '9:16', 'Auto'], default: '16:9' },
      { name: 'resolution', type: 'string', enum: ['720p', '1080p', '4k'], default: '720p' },
      { name: 'duration', type: 'integer', enum: [4, 6, 8], default: 8 },
      { name: 'watermark', type: 'string' },
      { name: 'enableTranslation', type: 'boolean' },
      {
        name: 'generationType',
        type: 'string',
        enum: ['TEXT_2_VIDEO', 'FIRST_AND_LAST_FRAMES_2_VIDEO', 'REFERENCE_2_VIDEO'],
      },
    ],
    promptField: 'prompt',
    image: { field: 'imageUrls', list: true, max: 2, required: false },
    standard: {
      duration: { field: 'duration' },
      aspect_ratio: { field: 'aspect_ratio', values: { '16:9': '16:9', '9:16': '9:16', auto: 'Auto' } },
      resolution: { field: 'resolution' },
    },
    typicalRunSeconds,
    api: 'veo',
  };
}

export const kieLegacyEntries: readonly CatalogEntry[] = [
  veoEntry('veo3', 'Google Veo 3.1 Quality', 180),
  veoEntry('veo3_fast', 'Google Veo 3.1 Fast', 90),
  veoEntry('veo3_lite', 'Google Veo 3.1 Lite', 75),
  soraEntry('sora-2-text-to-video', 'Sora 2 text to video', false, false),
  soraEntry('sora-2-image-to-video', 'Sora 2 image to video', true, false),
  soraEntry('sora-2-pro-text-to-video', 'Sora 2 Pro text to video', false, true),
  soraEntry('sora-2-pro-image-to-video', 'Sora 2 Pro image to video', true, true),
];
