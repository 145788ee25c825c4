import { type GeneratedVideo, type JobStatus, UpstreamHttpError } from '@ads/provider';

/** A jobs-API record, as recordInfo returns it and as callbacks carry it. */
export interface KieJobRecord {
  taskId?: string;
  state?: string;
  /** A JSON string as documented; some answers carry the object itself. */
  resultJson?: string | Record<string, unknown> | null;
  failCode?: string | number | null;
  failMsg?: string | null;
  progress?: number | null;
}

/** A Veo record, as /veo/record-info returns it. */
export interface KieVeoRecord {
  taskId?: string;
  successFlag?: number;
  response?: { resultUrls?: string[] | string | null } | null;
  errorCode?: number | string | null;
  errorMessage?: string | null;
}

const pendingStates = new Set(['waiting', 'queuing', 'generating']);

/** kie sometimes sends a list of URLs as a JSON string. */
export function urlList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((url): url is string => typeof url === 'string');
  if (typeof value !== 'string' || value.trim() === '') return [];
  try {
    return urlList(JSON.parse(value));
  } catch {
    return value.startsWith('[')
      ? value
          .slice(1, -1)
          .split(',')
          .map((url) => url.trim())
      : [value];
  }
}

const toVideos = (urls: string[]): GeneratedVideo[] => urls.map((url) => ({ url }));

function failure(
  code: string | number | null | undefined,
  message: string | null | undefined,
  fallback: string,
): JobStatus {
  const upstreamCode = code === null || code === undefined || code === '' ? undefined : String(code);
  return {
    state: 'failed',
    code: upstreamCode === '422' || upstreamCode === '400' ? 'upstream_rejected' : 'upstream_failed',
    message: `${message || fallback}${upstreamCode ? ` (kie code ${upstreamCode})` : ''}`,
    retryable: false,
  };
}

/**
 * A success record's `resultJson`: a JSON string (documented) or the object itself (seen in public
 * clients). One that cannot be read says nothing about the job: it is a read error, retried, never a
 * failed generation (kie billed it).
 */
function resultOf(record: KieJobRecord): { resultUrls?: unknown } {
  const value = record.resultJson;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // falls through to the read error
    }
  }
  throw new UpstreamHttpError({
    code: 'upstream_bad_response',
    message: `kie reported task ${record.taskId ?? ''} a success with an unreadable resultJson (${JSON.stringify(value)?.slice(0, 120)}); reading it again later`,
    url: 'kie:recordInfo',
    isRetryable: true,
  });
}

export function jobStatusFromRecord(record: KieJobRecord): JobStatus {
  if (record.state === undefined || pendingStates.has(record.state)) {
    return {
      state: 'pending',
      ...(typeof record.progress === 'number'
        ? { progress: Math.max(0, Math.min(100, record.progress)) }
        : {}),
    };
  }
  if (record.state === 'success') {
    const urls = urlList(resultOf(record).resultUrls);
    return urls.length > 0
      ? { state: 'success', videos: toVideos(urls) }
      : failure(null, 'kie reported success without a video URL', '');
  }
  if (record.state === 'fail')
    return failure(record.failCode, record.failMsg, 'kie reported the task failed');
  return { state: 'pending' };
}

export function jobStatusFromVeoRecord(record: KieVeoRecord): JobStatus {
  switch (record.successFlag) {
    case 1: {
      const urls = urlList(record.response?.resultUrls);
      return urls.length > 0
        ? { state: 'success', videos: toVideos(urls) }
        : failure(null, 'Veo reported success without a video URL', '');
    }
    case 2:
    case 3:
      return failure(record.errorCode, record.errorMessage, 'Veo reported the generation failed');
    default:
      return { state: 'pending' };
  }
}

/** A Runway record, as /runway/record-detail returns it (note `wait`/`queueing`, and an integer failCode). */
export interface KieRunwayRecord {
  taskId?: string;
  state?: string;
  videoInfo?: { videoUrl?: string | null; imageUrl?: string | null } | null;
  failCode?: number | string | null;
  failMsg?: string | null;
  expireFlag?: number;
}

const runwayPending = new Set(['wait', 'queueing', 'generating']);

export function jobStatusFromRunwayRecord(record: KieRunwayRecord): JobStatus {
  if (record.state === undefined || runwayPending.has(record.state)) return { state: 'pending' };
  if (record.state === 'success') {
    const url = record.videoInfo?.videoUrl;
    return url
      ? { state: 'success', videos: toVideos([url]) }
      : failure(null, 'Runway reported success without a video URL', '');
  }
  if (record.state === 'fail')
    return failure(record.failCode, record.failMsg, 'Runway reported the generation failed');
  return { state: 'pending' };
}

/** An Aleph record, as /aleph/record-info returns it: `successFlag` 0 (running, or failed with a message) or 1. */
export interface KieAlephRecord {
  taskId?: string;
  successFlag?: number;
  response?: { resultVideoUrl?: string | null } | null;
  errorCode?: number | string | null;
  errorMessage?: string | null;
}

export function jobStatusFromAlephRecord(record: KieAlephRecord): JobStatus {
  if (record.successFlag === 1) {
    const url = record.response?.resultVideoUrl;
    return url
      ? { state: 'success', videos: toVideos([url]) }
      : failure(null, 'Aleph reported success without a video URL', '');
  }
  // kie's Aleph docs: a failure is successFlag 0 with an error message.
  if (record.errorMessage) {
    const code = record.errorCode === 0 || record.errorCode === '0' ? null : record.errorCode;
    return failure(code, record.errorMessage, 'Aleph reported the generation failed');
  }
  return { state: 'pending' };
}
