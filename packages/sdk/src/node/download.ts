import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConnectionError } from '../errors/connection-error.js';
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
}

export interface DownloadResult {
  path: string;
  bytes: number;
}

/**
 * Saves a video URL to `destination`, creating its folders. The bytes go to a `.part` file that is
 * renamed at the end, so a failed download never leaves a truncated video under the real name.
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
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      receivedBytes += chunk.length;
      options.onProgress?.({ receivedBytes, totalBytes });
      callback(null, chunk);
    },
  });
  await mkdir(path.dirname(path.resolve(destination)), { recursive: true });
  const partial = `${destination}.part`;
  try {
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      counter,
      createWriteStream(partial),
      { signal: options.signal },
    );
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { force: true });
    if (options.signal?.aborted) throw abortError(options.signal);
    throw error;
  }
  return { path: destination, bytes: receivedBytes };
}
