import { createHash } from 'node:crypto';
import { pipeline, Transform, Writable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { type GeneratedVideo, Mp4Probe, OutboundFetchError, type VideoFacts } from '@ads/provider';
import type { StoredVideo, TaskRecord } from '../store/task-record.js';
import type { EngineContext } from './engine-context.js';

/** A copy that failed: `source` when the upstream's file could not be read, `storage` when ours could not be written. */
export class CopyError extends Error {
  override readonly name = 'CopyError';

  constructor(
    readonly side: 'source' | 'storage',
    message: string,
    /** Retrying cannot help (the file is too large, or the URL is refused). */
    readonly final: boolean,
    /** The upstream answered 4xx: its link may have expired. Retried a few times, then given up. */
    readonly gone: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The key a task's video is stored under. */
export const videoKey = (task: Pick<TaskRecord, 'workspaceId' | 'id'>, index: number) =>
  `videos/${task.workspaceId}/${task.id}/${index}.mp4`;

/** Counts, hashes and probes the bytes that stream through it, passing them on unchanged. */
function observer() {
  const hash = createHash('sha256');
  const probe = new Mp4Probe();
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      probe.write(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  return {
    stream,
    bytes: () => bytes,
    /** Once, after the last byte. */
    result: (): { bytes: number; sha256: string; facts: VideoFacts } => ({
      bytes,
      sha256: hash.digest('hex'),
      facts: probe.facts(),
    }),
  };
}

function sourceError(error: unknown): CopyError {
  if (OutboundFetchError.isInstance(error)) {
    const final = ['too_large', 'scheme', 'url_too_long', 'private_address', 'too_many_redirects'].includes(
      error.refusal,
    );
    const status = error.status ?? 0;
    const gone = status >= 400 && status < 500 && status !== 408 && status !== 429;
    return new CopyError('source', `the provider’s file: ${error.message}`, final, gone, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CopyError('source', `the provider’s file: ${message}`, false, false, { cause: error });
}

/** A failure on the gateway's side (storage), retried until the deadline. */
export function storageError(error: unknown): CopyError {
  const message = error instanceof Error ? error.message : String(error);
  return new CopyError('storage', `storage: ${message}`, false, false, { cause: error });
}

/**
 * Copies one delivered video into storage, streamed: the upstream's bytes go to storage as they
 * arrive, counted, hashed and probed on the way, so memory does not grow with the file. A video the
 * provider already wrote into storage (the sandbox) is only read back for its facts.
 */
export async function copyVideo(
  context: EngineContext,
  task: TaskRecord,
  index: number,
  video: GeneratedVideo,
  signal: AbortSignal,
): Promise<StoredVideo> {
  const { storage } = context;
  const seen = observer();
  let key = video.storageKey;
  let declaredType: string | undefined;
  if (key) {
    const written = key;
    await storage
      .read(written)
      .then((source) =>
        pipelineAsync(source, seen.stream, new Writable({ write: (_chunk, _encoding, done) => done() }), {
          signal,
        }),
      )
      .catch((error: unknown) => {
        throw storageError(error);
      });
  } else {
    key = videoKey(task, index);
    const fetched = await context.videoFetcher
      .fetchStream(video.url, {
        maxBytes: context.storing.maxVideoBytes,
        signal,
        headersTimeoutMs: 30_000,
        idleTimeoutMs: 60_000,
        accept: 'video/*, */*',
      })
      .catch((error: unknown) => {
        throw sourceError(error);
      });
    declaredType = fetched.contentType?.startsWith('video/') ? fetched.contentType.split(';')[0] : undefined;
    let failedReading: unknown;
    fetched.body.once('error', (error) => {
      failedReading = error;
    });
    const body = pipeline(fetched.body, seen.stream, () => {});
    try {
      await storage.put(key, body, { contentType: declaredType ?? 'video/mp4', signal });
    } catch (error) {
      throw failedReading === undefined ? storageError(error) : sourceError(failedReading);
    }
    // undici already fails a body shorter than its Content-Length; this keeps that promise here too.
    if (fetched.declaredBytes !== undefined && seen.bytes() !== fetched.declaredBytes) {
      await storage.delete(key).catch(() => {});
      throw new CopyError(
        'source',
        `the provider’s file ended after ${seen.bytes()} of ${fetched.declaredBytes} bytes`,
        false,
        false,
      );
    }
  }
  const { bytes, sha256, facts } = seen.result();
  return {
    index,
    sourceUrl: video.url,
    stored: true,
    key,
    bytes,
    sha256,
    contentType: facts.contentType ?? declaredType ?? video.contentType ?? 'video/mp4',
    ...(facts.width === undefined ? {} : { width: facts.width }),
    ...(facts.height === undefined ? {} : { height: facts.height }),
    ...(facts.durationSeconds === undefined ? {} : { durationSeconds: facts.durationSeconds }),
  };
}
