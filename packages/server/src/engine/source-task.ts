import type { CallerFieldNames } from '@ads/provider';
import { findTaskByVideoUrl } from '../store/task-repository.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError } from './gateway-error.js';
import type { GenerationPlan } from './plan-generation.js';

/**
 * A follow-up model (an extend) continues an earlier job of its provider: the request's video input
 * is the video URL of a task this gateway made in the same workspace, and the upstream gets that
 * task's upstream id instead. Anything else is a 400 that says what to give.
 */
export async function withSourceTask(
  context: EngineContext,
  plan: GenerationPlan,
  workspaceId: string,
  fieldNames: CallerFieldNames,
): Promise<GenerationPlan> {
  const { entry } = plan;
  if (!entry.sourceTask || !entry.video) return plan;
  const videoUrl = plan.request.videoInput[0] ?? '';
  const source = await findTaskByVideoUrl(context.store.db, {
    workspaceId,
    provider: entry.provider,
    videoUrl,
  });
  const sourceEntry = source && context.registry.entry(source.provider, source.model);
  if (!source?.upstreamId || !sourceEntry || !entry.sourceTask.apis.includes(sourceEntry.api ?? '')) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `${entry.provider}/${entry.model} continues an earlier video of this gateway: give as ${fieldNames.videoInput} the video URL of a succeeded task in this workspace made with ${entry.sourceTask.apis.join(' or ')} models of ${entry.provider}.`,
      issues: [
        { path: fieldNames.videoInput, message: 'not the video of an earlier task this model can continue' },
      ],
    });
  }
  return { ...plan, input: { ...plan.input, [entry.video.field]: source.upstreamId } };
}
