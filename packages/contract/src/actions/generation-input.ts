import { z } from 'zod';
import {
  callbackOf,
  callbackSecretField,
  callbackUrlField,
  type GenerationRequest,
  modelField,
  optionsField,
  promptField,
  providerField,
  refineCallback,
  refineSceneRules,
  sceneField,
  workspaceIdField,
} from '../generation-fields.js';
import { mediaInputSchema } from '../media-input.js';

export const actionFieldNames = { prompt: 'prompt', imageInput: 'imageInput', videoInput: 'videoInput' };

export const defaultWaitTimeoutMs = 600_000;
export const maxWaitTimeoutMs = 3_600_000;

const generateShape = {
  prompt: promptField.optional(),
  scene: sceneField.default('text-to-video'),
  provider: providerField.optional(),
  model: modelField.optional(),
  imageInput: mediaInputSchema('Image URLs: a comma-separated string or an array.'),
  videoInput: mediaInputSchema('Video URLs: a comma-separated string or an array.'),
  options: optionsField,
  workspaceId: workspaceIdField.optional(),
  callbackUrl: callbackUrlField.optional(),
  callbackSecret: callbackSecretField.optional(),
};

const checkCallback = refineCallback({ url: 'callbackUrl', secret: 'callbackSecret' });

function toGenerationRequest(value: z.output<z.ZodObject<typeof generateShape>>): GenerationRequest {
  return {
    scene: value.scene,
    prompt: value.prompt,
    provider: value.provider,
    model: value.model,
    imageInput: value.imageInput,
    videoInput: value.videoInput,
    options: value.options,
    workspaceId: value.workspaceId,
    callback: callbackOf(value.callbackUrl, value.callbackSecret),
  };
}

const checkScene = refineSceneRules(actionFieldNames, (value: GenerationRequest) => value);

/** Input of `ai.video.generate`. */
export const generateActionInputSchema = z
  .object(generateShape)
  .superRefine(checkCallback)
  .transform(toGenerationRequest)
  .superRefine(checkScene)
  .describe('Create a video task and return at once.');
export type GenerateActionInput = z.input<typeof generateActionInputSchema>;

/** Input of `ai.video.generate_and_wait`: the same, plus how long to hold the request. */
export const generateAndWaitActionInputSchema = z
  .object({
    ...generateShape,
    timeoutMs: z
      .number()
      .int({ error: 'must be a whole number of milliseconds' })
      .min(0)
      .max(maxWaitTimeoutMs, { error: `must be at most ${maxWaitTimeoutMs} (one hour)` })
      .default(defaultWaitTimeoutMs)
      .describe('How long to wait for the task to end, in milliseconds (default 600000).'),
  })
  .superRefine(checkCallback)
  .transform((value) => ({ ...toGenerationRequest(value), timeoutMs: value.timeoutMs }))
  .superRefine(checkScene)
  .describe('Create a video task and hold the request until it ends or timeoutMs passes.');
export type GenerateAndWaitActionInput = z.input<typeof generateAndWaitActionInputSchema>;
