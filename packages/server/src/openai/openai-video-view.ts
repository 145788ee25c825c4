import type { OpenAiVideo } from '@ads/contract';
import { type CatalogEntry, publicModelId } from '@ads/provider';
import { requestFacts } from '../pricing/request-facts.js';
import type { TaskRecord } from '../store/task-record.js';
import { sizeOfInput } from './video-size.js';

const statusOf: Record<TaskRecord['status'], OpenAiVideo['status']> = {
  pending: 'queued',
  running: 'in_progress',
  success: 'completed',
  failed: 'failed',
  canceled: 'failed',
};

const seconds = (time: number | null) => (time === null ? null : Math.floor(time / 1000));

/** The error OpenAI's shape carries: the task's own, or a canceled task's reason. */
function errorOf(task: TaskRecord): OpenAiVideo['error'] {
  if (task.error) return { code: task.error.code, message: task.error.message };
  if (task.status === 'canceled') return { code: 'canceled', message: 'The task was canceled.' };
  return null;
}

/**
 * A task as OpenAI's Video object. `seconds` and `size` are what was asked (the model's input), or
 * what was delivered when the request left them to the model.
 */
export function openAiVideoView(task: TaskRecord, entry: CatalogEntry | undefined): OpenAiVideo {
  const video = task.status === 'success' ? task.videos[0] : undefined;
  const asked = entry ? requestFacts(entry, task.input).seconds : undefined;
  const length = asked ?? video?.durationSeconds;
  const delivered = video?.width && video.height ? `${video.width}x${video.height}` : undefined;
  const prompt = entry?.promptField ? task.input[entry.promptField] : undefined;
  return {
    id: task.id,
    object: 'video',
    model: publicModelId({ provider: task.provider, model: task.model }),
    status: statusOf[task.status],
    progress: task.status === 'success' ? 100 : Math.max(0, Math.min(100, Math.round(task.progress ?? 0))),
    prompt: typeof prompt === 'string' ? prompt : null,
    seconds: length === undefined ? '' : String(Math.round(length)),
    size: delivered ?? (entry ? sizeOfInput(entry, task.input) : undefined) ?? '',
    created_at: Math.floor(task.createdAt / 1000),
    completed_at: seconds(task.finishedAt),
    expires_at: null,
    remixed_from_video_id: null,
    error: errorOf(task),
  };
}
