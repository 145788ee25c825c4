import { z } from 'zod';
import type { GenerationOptions } from './options.js';
import { generationOptionsSchema } from './options.js';
import { type SceneFieldNames, type SceneInputs, sceneRuleViolations } from './scene-rules.js';
import { type SceneId, sceneIds } from './scenes.js';

/** Field schemas shared by both API surfaces; each surface names them its own way. */
export const sceneField = z
  .enum(sceneIds)
  .describe('What to make: text-to-video, image-to-video, video-to-video or ad-video.');

export const promptField = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(10_000, { error: 'must be at most 10000 characters' })
  .describe('Text instruction for the video.');

export const providerField = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'must be a provider name such as kie, fal or sandbox' })
  .describe('Video provider, e.g. kie, fal or sandbox. Optional when `model` is a full `provider/model` id.');

export const modelField = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, { error: 'must be a model id such as bytedance/seedance-2-mini' })
  .describe('Model id, either as the provider names it (with `provider`) or as `provider/model`.');

export const optionsField = generationOptionsSchema.optional().transform((value) => value ?? {});

export const workspaceIdField = z
  .string()
  .min(1)
  .max(100)
  .describe("Which of the key owner's workspaces to use; defaults to the key's own.");

/** A generation request as the engine sees it, whichever surface it came through. */
export interface GenerationRequest {
  scene: SceneId;
  prompt?: string | undefined;
  provider?: string | undefined;
  model?: string | undefined;
  imageInput: string[];
  videoInput: string[];
  options: GenerationOptions;
  workspaceId?: string | undefined;
}

/** A zod refinement that reports scene-rule violations under the surface's field names. */
export function refineSceneRules<T>(names: SceneFieldNames, select: (value: T) => SceneInputs) {
  return (value: T, context: z.RefinementCtx<T>) => {
    for (const issue of sceneRuleViolations(select(value), names)) {
      context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  };
}
