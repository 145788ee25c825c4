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

export const callbackUrlField = z
  .string()
  .max(2048)
  .regex(/^https?:\/\//i, { error: 'must be an http(s) URL' })
  .pipe(z.url({ error: 'must be an http(s) URL' }))
  .describe(
    "Also send this task's events (video.task.succeeded, failed, canceled) to this URL, signed like the workspace's webhooks.",
  );

/** A Standard Webhooks secret: `whsec_` and base64 of 24 to 64 random bytes. */
export const callbackSecretField = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, {
    error: 'must be whsec_ followed by the base64 of 24 to 64 random bytes',
  })
  .describe(
    "The whsec_ secret the callback's deliveries are signed with; by default the workspace's signing secret (GET /v1/webhooks/signing-secret).",
  );

/** Where a task's events also go, and how they are signed. */
export interface TaskCallback {
  url: string;
  secret?: string | undefined;
}

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
  callback?: TaskCallback | undefined;
}

/** The callback of a request, from its two fields; a secret without a URL is the caller's mistake. */
export function callbackOf(url: string | undefined, secret: string | undefined): TaskCallback | undefined {
  return url === undefined ? undefined : { url, ...(secret === undefined ? {} : { secret }) };
}

/** A refinement: a callback secret is only taken with a callback URL. */
export function refineCallback(names: { url: string; secret: string }) {
  return (value: Record<string, unknown>, context: z.RefinementCtx) => {
    if (value[names.secret] !== undefined && value[names.url] === undefined) {
      context.addIssue({
        code: 'custom',
        path: [names.secret],
        message: `is only taken with ${names.url}`,
      });
    }
  };
}

/** A zod refinement that reports scene-rule violations under the surface's field names. */
export function refineSceneRules<T>(names: SceneFieldNames, select: (value: T) => SceneInputs) {
  return (value: T, context: z.RefinementCtx<T>) => {
    for (const issue of sceneRuleViolations(select(value), names)) {
      context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  };
}
