import type { ActionTask, RestTask } from '@ads/contract';
import type { TaskRecord } from '../../store/task-record.js';
import { iso, isoOrNull } from './times.js';

const chargedCredits = (task: TaskRecord) => (task.refunded ? 0 : task.credits);

/** A task as the actions API shows it (camelCase). */
export function actionTaskView(task: TaskRecord): ActionTask {
  const videoUrl = task.videoUrls[0] ?? null;
  return {
    taskId: task.id,
    status: task.status,
    videoUrl,
    url: videoUrl,
    videoUrls: task.videoUrls,
    provider: task.provider,
    model: task.model,
    scene: task.scene,
    progress: task.progress,
    credits: chargedCredits(task),
    error: task.error,
    workspaceId: task.workspaceId,
    createdAt: iso(task.createdAt),
    updatedAt: iso(task.updatedAt),
    finishedAt: isoOrNull(task.finishedAt),
  };
}

/** A task as the REST API shows it (the video generation guide's shape, then snake_case extras). */
export function restTaskView(task: TaskRecord): RestTask {
  return {
    id: task.id,
    object: 'video.generation.task',
    status: task.status,
    data: { id: task.id, mediaType: 'video', status: task.status, videoUrls: task.videoUrls },
    provider: task.provider,
    model: task.model,
    scene: task.scene,
    progress: task.progress,
    credits: chargedCredits(task),
    error: task.error,
    workspace_id: task.workspaceId,
    created_at: iso(task.createdAt),
    updated_at: iso(task.updatedAt),
    finished_at: isoOrNull(task.finishedAt),
  };
}
