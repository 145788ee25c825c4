import {
  type GenerationOptions,
  type GenerationRequest,
  modelSceneFor,
  type openAiVideoCreateSchema,
} from '@ads/contract';
import { type CatalogEntry, publicModelId } from '@ads/provider';
import type { z } from 'zod';
import { GatewayError } from '../engine/gateway-error.js';
import { chooseModel } from '../engine/plan-generation.js';
import type { ProviderRegistry } from '../engine/provider-registry.js';
import { secondsAllowed } from '../pricing/request-facts.js';
import { sizeChoices } from './video-size.js';

export type OpenAiCreateBody = z.output<typeof openAiVideoCreateSchema>;

/** How errors of this surface name the inputs: as OpenAI's fields. */
export const openAiFieldNames = {
  prompt: 'prompt',
  imageInput: 'input_reference',
  videoInput: 'input_reference',
  options: 'options',
};

const refuse = (field: string, message: string) =>
  new GatewayError({ code: 'invalid_request', message, issues: [{ path: field, message }] });

function sizeOptions(entry: CatalogEntry, size: string): Record<string, string> {
  const id = publicModelId(entry);
  const choices = sizeChoices(entry);
  if (choices.size === 0) throw refuse('size', `${id} takes no size; leave size out.`);
  const options = choices.get(size);
  if (!options) {
    throw refuse('size', `${id} cannot make ${size}; size must be one of ${[...choices.keys()].join(', ')}.`);
  }
  return { ...options };
}

function durationOption(entry: CatalogEntry, seconds: string): number {
  const id = publicModelId(entry);
  const allowed = secondsAllowed(entry);
  const value = Number(seconds);
  if (!allowed) throw refuse('seconds', `${id} takes no length; leave seconds out.`);
  if ('choices' in allowed && !allowed.choices.includes(value)) {
    throw refuse(
      'seconds',
      `${id} cannot make ${seconds} s; seconds must be one of ${allowed.choices.join(', ')}.`,
    );
  }
  if ('minimum' in allowed && (value < allowed.minimum || value > allowed.maximum)) {
    throw refuse(
      'seconds',
      `${id} makes ${allowed.minimum} to ${allowed.maximum} s; seconds ${seconds} is outside.`,
    );
  }
  return value;
}

/**
 * The OpenAI create request as the engine's request: a reference image makes it image-to-video,
 * `size` becomes the model's aspect ratio and resolution, `seconds` its duration. Sizes and lengths
 * the model cannot make are a 400 that names the ones it can.
 */
export function openAiGenerationRequest(
  registry: ProviderRegistry,
  body: OpenAiCreateBody,
): GenerationRequest {
  const reference = body.input_reference?.image_url ?? body.input_reference?.file_id;
  const scene = reference ? 'image-to-video' : 'text-to-video';
  const options: Record<string, unknown> = {};
  if (body.size !== undefined || body.seconds !== undefined) {
    const entry = chooseModel(registry, { model: body.model }, modelSceneFor(scene, Boolean(reference)));
    if (body.size !== undefined) Object.assign(options, sizeOptions(entry, body.size));
    if (body.seconds !== undefined) options.duration = durationOption(entry, body.seconds);
  }
  return {
    scene,
    prompt: body.prompt,
    model: body.model,
    imageInput: reference ? [reference] : [],
    videoInput: [],
    options: options as GenerationOptions,
  };
}
