import { createHash } from 'node:crypto';
import type { GenerationPlan } from './plan-generation.js';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .sort(([left], [right]) => (left < right ? -1 : 1))
        .map(([key, entry]) => [key, canonical(entry)]),
    );
  }
  return value;
}

/**
 * What an Idempotency-Key is bound to: the request as the engine understood it (model resolved,
 * inputs normalised), so `kie/x` and `{provider: kie, model: x}`, or a comma list and an array, match.
 */
export function requestHash(plan: GenerationPlan, workspaceId: string): string {
  const { request, entry } = plan;
  const body = canonical({
    workspaceId,
    scene: request.scene,
    model: `${entry.provider}/${entry.model}`,
    prompt: request.prompt,
    imageInput: request.imageInput,
    videoInput: request.videoInput,
    options: request.options,
    callback: request.callback,
  });
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}
