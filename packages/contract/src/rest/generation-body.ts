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

export const restFieldNames = { prompt: 'prompt', imageInput: 'image_input', videoInput: 'video_input' };

/** Body of `POST /v1/videos/generations` (snake_case, as in the video generation guide). */
export const videoGenerationBodySchema = z
  .object({
    provider: providerField.optional(),
    model: modelField,
    scene: sceneField,
    prompt: promptField.optional(),
    image_input: mediaInputSchema(
      'Image URLs (required for image-to-video): a string, comma-separated, or an array.',
    ),
    video_input: mediaInputSchema(
      'Source video URL (required for video-to-video): a string or a one-item array.',
    ),
    options: optionsField,
    workspace_id: workspaceIdField.optional(),
    callback_url: callbackUrlField.optional(),
    callback_secret: callbackSecretField.optional(),
  })
  .superRefine(refineCallback({ url: 'callback_url', secret: 'callback_secret' }))
  .transform(
    (value): GenerationRequest => ({
      scene: value.scene,
      prompt: value.prompt,
      provider: value.provider,
      model: value.model,
      imageInput: value.image_input,
      videoInput: value.video_input,
      options: value.options,
      workspaceId: value.workspace_id,
      callback: callbackOf(value.callback_url, value.callback_secret),
    }),
  )
  .superRefine(refineSceneRules(restFieldNames, (value: GenerationRequest) => value))
  .describe('Create a video generation task.');
export type VideoGenerationBody = z.input<typeof videoGenerationBodySchema>;
