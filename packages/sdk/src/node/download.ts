import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AdsError } from '../errors/ads-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { IntegrityError } from '../errors/integrity-error.js';
import { abortError } from '../sleep.js';

export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length, when the server sent one. */
  totalBytes: number | undefined;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  fetch?: typeof fetch;
  /** The SHA-256 (hex) the file must have, as a task's `videos[].sha256` gives it; checked before the file is kept. */
  sha256?: string | null;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  /** SHA-256 of what was saved, hex. */
  sha256: string;
}

/** A task's video as either surface shows it. */
export interface TaskVideoLike {
  url: string;
  sha256: string | null;
}

/**
 * Saves video `index` (default the first) of a finished task, checking it against the SHA-256 the
 * gateway recorded when it stored the file.
 */
export function downloadVideo(
  task: { videos: readonly TaskVideoLike[]; taskId?: string; id?: string },
  destination: string,
  options: DownloadOptions & { index?: number } = {},
): Promise<DownloadResult> {
  const { index = 0, ...rest } = options;
  const video = task.videos[index];
  if (!video) {
    throw new AdsError(
      `Task ${task.taskId ?? task.id} has no video ${index} (it has ${task.videos.length}).`,
    );
  }
  return download(video.url, destination, { ...rest, sha256: rest.sha256 ?? video.sha256 });
}

/**
 * Saves a video URL to `destination`, creating its folders. The bytes go to a `.part` file that is
 * renamed at the end, so a failed download never leaves a truncated video under the real name; with
 * `sha256`, a file whose digest differs is an `IntegrityError` and is not kept either.
 */
export async function download(
  url: string,
  destination: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw abortError(options.signal);
    throw new ConnectionError(`Could not download ${url}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok || !response.body) {
    throw new ConnectionError(`Could not download ${url}: the server answered ${response.status}.`);
  }
  const totalHeader = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(totalHeader) && totalHeader > 0 ? totalHeader : undefined;
  let receivedBytes = 0;
  const hash = createHash('sha256');
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      receivedBytes += chunk.length;
      hash.update(chunk);
      options.onProgress?.({ receivedBytes, totalBytes });
      callback(null, chunk);
    },
  });
  await mkdir(path.dirname(path.resolve(destination)), { recursive: true });
  const partial = `${destination}.part`;
  let digest = '';
  try {
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      counter,
      createWriteStream(partial),
      { signal: options.signal },
    );
    digest = hash.digest('hex');
    if (options.sha256 && digest !== options.sha256.toLowerCase()) {
      throw new IntegrityError(
        `The file downloaded from ${url} is not the one the gateway stored: its SHA-256 is ${digest}, not ${options.sha256}. Nothing was saved; download it again.`,
      );
    }
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { force: true });
    if (options.signal?.aborted) throw abortError(options.signal);
    throw error;
  }
  return { path: destination, bytes: receivedBytes, sha256: digest };
}
