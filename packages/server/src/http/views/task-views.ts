import type { ActionTask, ActionVideo, RestTask, RestVideo } from '@ads/contract';
import { VideoLinks } from '../../engine/video-links.js';
import type { StoredVideo, TaskRecord } from '../../store/task-record.js';
import { iso, isoOrNull } from './times.js';

const chargedCredits = (task: TaskRecord) => (task.refunded ? 0 : task.credits);

/** What both surfaces show of one video, before each names it in its own case. */
interface VideoView {
  url: string;
  expiresAt: string | null;
  video: StoredVideo;
}

/**
 * Tasks as the two surfaces show them. A stored video's URL is a fresh signed link to the gateway
 * on every read; a video that could not be stored shows the provider's link. Tasks settled before
 * the gateway stored videos show their provider links as they were.
 */
export class TaskViews {
  constructor(
    private readonly links: VideoLinks,
    private readonly now: () => number,
  ) {}

  private videosOf(task: TaskRecord): VideoView[] {
    if (task.status !== 'success' || task.videosDeletedAt !== null) return [];
    if (task.videos.length === 0) {
      return task.videoUrls.map((url, index) => ({
        url,
        expiresAt: null,
        video: { index, sourceUrl: url, stored: false, contentType: 'video/mp4' },
      }));
    }
    const now = this.now();
    return task.videos.map((video) => {
      if (!video.stored) return { url: video.sourceUrl, expiresAt: null, video };
      const link = this.links.link(task.id, video.index, now);
      return { url: link.url, expiresAt: iso(link.expiresAt), video };
    });
  }

  action(task: TaskRecord): ActionTask {
    const videos = this.videosOf(task);
    const videoUrls = videos.map((view) => view.url);
    const videoUrl = videoUrls[0] ?? null;
    return {
      taskId: task.id,
      status: task.status,
      videoUrl,
      url: videoUrl,
      videoUrls,
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
      videos: videos.map(actionVideo),
      videosDeletedAt: isoOrNull(task.videosDeletedAt),
    };
  }

  /** The video generation guide's shape, then snake_case extras. */
  rest(task: TaskRecord): RestTask {
    const videos = this.videosOf(task);
    return {
      id: task.id,
      object: 'video.generation.task',
      status: task.status,
      data: {
        id: task.id,
        mediaType: 'video',
        status: task.status,
        videoUrls: videos.map((view) => view.url),
      },
      provider: task.provider,
      model: task.model,
      scene: task.scene,
      input: task.input,
      progress: task.progress,
      credits: chargedCredits(task),
      error: task.error,
      workspace_id: task.workspaceId,
      created_at: iso(task.createdAt),
      updated_at: iso(task.updatedAt),
      finished_at: isoOrNull(task.finishedAt),
      videos: videos.map(restVideo),
      videos_deleted_at: isoOrNull(task.videosDeletedAt),
    };
  }
}

const facts = ({ url, video }: VideoView) => ({
  index: video.index,
  url,
  stored: video.stored,
  bytes: video.bytes ?? null,
  sha256: video.sha256 ?? null,
  width: video.width ?? null,
  height: video.height ?? null,
  reason: video.reason ?? null,
});

const actionVideo = (view: VideoView): ActionVideo => ({
  ...facts(view),
  contentType: view.video.contentType,
  durationSeconds: view.video.durationSeconds ?? null,
  expiresAt: view.expiresAt,
});

const restVideo = (view: VideoView): RestVideo => ({
  ...facts(view),
  content_type: view.video.contentType,
  duration_seconds: view.video.durationSeconds ?? null,
  expires_at: view.expiresAt,
});

export { VideoLinks };
