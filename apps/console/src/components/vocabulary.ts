import type { RestTask, SceneId, TaskStatus } from '@ads/sdk/console';

// Copied as values (the contract's types check them) so no zod schema enters the console's bundle.
export const taskStatuses = [
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
] as const satisfies readonly TaskStatus[];
export const scenes = [
  'text-to-video',
  'image-to-video',
  'video-to-video',
  'ad-video',
] as const satisfies readonly SceneId[];

export const isFinished = (task: Pick<RestTask, 'status'>) =>
  task.status === 'success' || task.status === 'failed' || task.status === 'canceled';
