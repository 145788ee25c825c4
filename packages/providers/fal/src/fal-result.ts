import type { GeneratedVideo, JobStatus } from '@ads/provider';
import { falErrorDetail } from './fal-error.js';

interface FalFile {
  url?: unknown;
  content_type?: unknown;
  width?: unknown;
  height?: unknown;
  duration?: unknown;
}

function toVideo(file: FalFile | undefined): GeneratedVideo[] {
  if (!file || typeof file.url !== 'string') return [];
  return [
    {
      url: file.url,
      ...(typeof file.content_type === 'string' ? { contentType: file.content_type } : {}),
      ...(typeof file.width === 'number' ? { width: file.width } : {}),
      ...(typeof file.height === 'number' ? { height: file.height } : {}),
      ...(typeof file.duration === 'number' ? { durationSeconds: file.duration } : {}),
    },
  ];
}

/** A model's output: `{video: File}` for fal's video endpoints (a `videos` list is read too). */
export function falOutputStatus(output: unknown): JobStatus {
  const body = output as { video?: FalFile; videos?: FalFile[] } | null | undefined;
  const videos = [...toVideo(body?.video ?? undefined), ...(body?.videos ?? []).flatMap(toVideo)];
  if (videos.length > 0) return { state: 'success', videos };
  return {
    state: 'failed',
    code: 'upstream_failed',
    message: 'fal finished without a video in its output',
    retryable: false,
  };
}

/** The error types of a fal error body: its own `error_type` and each `detail` item's `type`. */
function falErrorTypes(body: unknown): string[] {
  const { error_type: errorType, detail } = (body ?? {}) as { error_type?: unknown; detail?: unknown };
  const itemTypes = Array.isArray(detail) ? detail.map((item: { type?: unknown }) => item?.type) : [];
  return [errorType, ...itemTypes].filter((type): type is string => typeof type === 'string');
}

/** A model's error answer, which fal's result request repeats with the model's own status. */
export function falFailure(statusCode: number | undefined, body: unknown, extra?: string): JobStatus {
  const detail = falErrorDetail(body, extra ?? 'fal reported the request failed');
  const errorTypes = falErrorTypes(body);
  const policy = errorTypes.includes('content_policy_violation') || /content.polic/i.test(detail);
  return {
    state: 'failed',
    code: policy ? 'content_policy' : statusCode === 422 ? 'upstream_rejected' : 'upstream_failed',
    message: `${detail}${statusCode ? ` (fal ${statusCode})` : ''}`,
    retryable: false,
  };
}
