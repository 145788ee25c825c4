import type { Readable } from 'node:stream';

/** Bytes `start` to `end` of an object, both included (as an HTTP Range names them). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutOptions {
  contentType: string;
  /** Aborts the write; nothing is left under the key. */
  signal?: AbortSignal;
}

export interface LinkOptions {
  expiresInSeconds: number;
  contentType: string;
  /** The `Content-Disposition` the link answers with. */
  contentDisposition: string;
}

/**
 * Where the gateway keeps files it owns. A write is all or nothing: until `put` resolves nothing is
 * under the key (a reader never sees part of a file), and a write that fails or is cut short by a
 * crash leaves at most a partial that `sweepPartials` removes. Every method is safe to repeat.
 */
export interface VideoStorage {
  readonly kind: 'local' | 's3';
  /** Streams `body` under `key`; resolves with the bytes written once they are durable. */
  put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<{ bytes: number }>;
  /** The object, or a range of it; throws `StorageNotFoundError` when there is none. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** The object's size, or undefined when there is none. */
  head(key: string): Promise<{ bytes: number } | undefined>;
  /** Removes the object; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
  /** A link straight to the object, for stores that can sign one (S3); undefined otherwise. */
  link?(key: string, options: LinkOptions): Promise<string>;
  /** Removes what writes cut short left behind, if older than `olderThanMs`; returns how many. */
  sweepPartials(olderThanMs: number): Promise<number>;
  close(): Promise<void>;
}

/** A read of a key that holds nothing. */
export class StorageNotFoundError extends Error {
  override readonly name = 'StorageNotFoundError';

  constructor(readonly key: string) {
    super(`storage holds nothing under ${key}`);
  }

  static isInstance(error: unknown): error is StorageNotFoundError {
    return error instanceof Error && error.name === 'StorageNotFoundError';
  }
}

/** Keys are paths of plain segments: letters, digits, `-`, `_` and `.`, never `..` or a leading `/`. */
export function checkKey(key: string): string {
  const segments = key.split('/');
  const plain = segments.every(
    (segment) => /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(segment) && segment !== '..',
  );
  if (!plain || key.length > 512) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}
