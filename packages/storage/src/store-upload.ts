import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sniffBytes, sniffMediaType, type UploadMediaType, uploadMediaTypes } from './media-type.js';
import type { VideoStorage } from './video-storage.js';

export interface StoredUpload {
  bytes: number;
  sha256: string;
  contentType: UploadMediaType;
}

/** Why an upload was refused: larger than the limit, or bytes of no accepted type. Nothing is stored. */
export class UploadRefusedError extends Error {
  override readonly name = 'UploadRefusedError';

  constructor(
    readonly reason: 'too_large' | 'unsupported_type' | 'empty',
    message: string,
  ) {
    super(message);
  }

  static isInstance(error: unknown): error is UploadRefusedError {
    return error instanceof Error && error.name === 'UploadRefusedError';
  }
}

/**
 * Streams an uploaded file into storage under `key`: its type is read from its first bytes, its
 * SHA-256 and size are counted on the way, and the write stops as soon as it passes `maxBytes`
 * (the storage's write is then aborted, so nothing is left under the key). The bytes are never
 * held whole in memory.
 */
export async function storeUpload(
  storage: VideoStorage,
  key: string,
  source: AsyncIterable<Uint8Array>,
  options: { maxBytes: number; signal?: AbortSignal },
): Promise<StoredUpload> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < sniffBytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  if (headBytes === 0) throw new UploadRefusedError('empty', 'the file is empty');
  const contentType = sniffMediaType(Buffer.concat(head));
  if (!contentType) {
    await iterator.return?.();
    throw new UploadRefusedError(
      'unsupported_type',
      `the file is none of ${uploadMediaTypes.join(', ')} (judged by its bytes, not its name)`,
    );
  }
  const hash = createHash('sha256');
  const abort = new AbortController();
  const stop = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stop, { once: true });
  let bytes = 0;
  let tooLarge = false;
  const take = (chunk: Uint8Array) => {
    bytes += chunk.byteLength;
    if (bytes > options.maxBytes) {
      tooLarge = true;
      abort.abort(new UploadRefusedError('too_large', tooLargeMessage(options.maxBytes)));
      throw abort.signal.reason;
    }
    hash.update(chunk);
    return chunk;
  };
  async function* body() {
    for (const chunk of head) yield take(chunk);
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield take(next.value);
    }
  }
  try {
    await storage.put(key, Readable.from(body()), { contentType, signal: abort.signal });
  } catch (error) {
    await iterator.return?.();
    if (tooLarge) throw new UploadRefusedError('too_large', tooLargeMessage(options.maxBytes));
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  return { bytes, sha256: hash.digest('hex'), contentType };
}

function tooLargeMessage(maxBytes: number): string {
  return `the file is larger than this gateway accepts (${maxBytes} bytes)`;
}
