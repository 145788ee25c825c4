import type { GeneratedVideo, JobStatus } from '@ads/provider';

/** A jobs-API record, as recordInfo returns it and as callbacks carry it. */
export interface KieJobRecord {
  taskId?: string;
  state?: string;
  resultJson?: string | null;
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
    let result: { resultUrls?: unknown } = {};
    try {
      result = JSON.parse(record.resultJson ?? '{}');
    } catch {
      return failure(null, 'kie reported success with an unreadable resultJson', '');
    }
    const urls = urlList(result.resultUrls);
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
