/**
 * The scene table: what each scene needs, what it costs by default, and how it is served.
 * Request schemas, the server, the CLI and the docs all read this one table.
 */

import type { ModelSceneId, SceneId } from '@ads/vocabulary';

export { type ModelSceneId, type SceneId, sceneIds } from '@ads/vocabulary';

export interface MediaRule {
  /** Fewest URLs the scene needs (0 = optional). */
  min: number;
  /** Most URLs the scene takes (0 = the scene does not take this input). */
  max: number;
  /** What the URLs are, for error messages and docs. */
  noun: string;
}

export interface SceneRule {
  id: SceneId;
  title: string;
  description: string;
  /** Credits charged when the model does not set its own price. */
  credits: number;
  prompt: 'required' | 'optional';
  imageInput: MediaRule;
  videoInput: MediaRule;
  /** Options applied when the request does not set them. */
  defaultOptions: Readonly<Record<string, string | number | boolean>>;
  /**
   * Sent when the request has no prompt but the chosen model requires one (the guide's image- and
   * video-to-video examples carry none).
   */
  defaultPrompt?: string;
  /** Applied by the engine to the user's prompt; `{prompt}` marks where it goes. */
  promptTemplate?: string;
  /** Which model scene serves this scene, with and without image input. */
  servedBy: { withImages: ModelSceneId; withoutImages: ModelSceneId };
}

/** Most URLs accepted in one input list, whatever the scene; models may accept fewer. */
export const maxMediaUrls = 10;

const noMedia = (noun: string): MediaRule => ({ min: 0, max: 0, noun });

export const sceneTable: Readonly<Record<SceneId, SceneRule>> = {
  'text-to-video': {
    id: 'text-to-video',
    title: 'Text to video',
    description: 'Generate a video from a text prompt (the default scene).',
    credits: 6,
    prompt: 'required',
    imageInput: noMedia('image URLs'),
    videoInput: noMedia('video URLs'),
    defaultOptions: {},
    servedBy: { withImages: 'text-to-video', withoutImages: 'text-to-video' },
  },
  'image-to-video': {
    id: 'image-to-video',
    title: 'Image to video',
    description: 'Animate one or more reference images, optionally guided by a prompt.',
    credits: 8,
    prompt: 'optional',
    imageInput: { min: 1, max: maxMediaUrls, noun: 'image URLs' },
    videoInput: noMedia('video URLs'),
    defaultOptions: {},
    defaultPrompt: 'Bring the reference image to life with natural, gentle motion and a subtle camera move.',
    servedBy: { withImages: 'image-to-video', withoutImages: 'image-to-video' },
  },
  'video-to-video': {
    id: 'video-to-video',
    title: 'Video to video',
    description: 'Transform an existing video, optionally guided by a prompt and reference images.',
    credits: 10,
    prompt: 'optional',
    imageInput: { min: 0, max: maxMediaUrls, noun: 'reference image URLs' },
    videoInput: { min: 1, max: 1, noun: 'source video URL' },
    defaultOptions: {},
    defaultPrompt:
      'Keep the content, framing and motion of the source video; improve its clarity and lighting.',
    servedBy: { withImages: 'video-to-video', withoutImages: 'video-to-video' },
  },
  'ad-video': {
    id: 'ad-video',
    title: 'Ad video',
    description:
      'A short vertical marketing video about a product or offer; product images are optional and, when given, are animated.',
    credits: 8,
    prompt: 'required',
    imageInput: { min: 0, max: maxMediaUrls, noun: 'product image URLs' },
    videoInput: noMedia('video URLs'),
    defaultOptions: { aspect_ratio: '9:16', duration: 5 },
    promptTemplate:
      'Short vertical advertisement video for social media. {prompt}. Clean product focus, dynamic camera movement, bright commercial lighting, eye-catching opening shot.',
    servedBy: { withImages: 'image-to-video', withoutImages: 'text-to-video' },
  },
};

export function sceneRule(scene: SceneId): SceneRule {
  return sceneTable[scene];
}

/** The model scene that serves a request of this scene, given whether it carries images. */
export function modelSceneFor(scene: SceneId, hasImages: boolean): ModelSceneId {
  const { servedBy } = sceneTable[scene];
  return hasImages ? servedBy.withImages : servedBy.withoutImages;
}

/** The engine's prompt for a scene: the scene template applied, or the prompt as given. */
export function applyPromptTemplate(scene: SceneId, prompt: string | undefined): string | undefined {
  const template = sceneTable[scene].promptTemplate;
  if (!template || prompt === undefined) return prompt;
  return template.replace('{prompt}', prompt.trim().replace(/[.\s]+$/, ''));
}
