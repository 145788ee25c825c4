import type { CallerFieldNames } from '@ads/provider';
import type { TaskRecord } from '../store/task-record.js';
import { findTask, findTaskByVideoUrl } from '../store/task-repository.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError } from './gateway-error.js';
import type { GenerationPlan } from './plan-generation.js';
import { VideoLinks } from './video-links.js';

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
  const source = await sourceOf(context, { workspaceId, provider: entry.provider, videoUrl });
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

/**
 * The task whose video `videoUrl` is: a link of this gateway names its task (whatever its expiry);
 * a provider's own link is looked up among the tasks' delivered videos.
 */
async function sourceOf(
  context: EngineContext,
  source: { workspaceId: string; provider: string; videoUrl: string },
): Promise<TaskRecord | undefined> {
  const link = VideoLinks.parse(source.videoUrl);
  if (!link) return findTaskByVideoUrl(context.store.db, source);
  const task = await findTask(context.store.db, link.taskId);
  const matches =
    task?.workspaceId === source.workspaceId &&
    task.provider === source.provider &&
    task.status === 'success' &&
    task.videos.some((video) => video.index === link.index);
  return matches ? task : undefined;
}
