import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ByteRange,
  checkKey,
  type PutOptions,
  StorageNotFoundError,
  type VideoStorage,
} from './video-storage.js';

const partialsFolder = '.partial';

const missing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * A folder on the gateway's disk. A write goes to `.partial/` and is flushed to disk, then renamed
 * into place (one atomic step on one file system), so a key holds either nothing or the whole file.
 */
export class LocalStorage implements VideoStorage {
  readonly kind = 'local';

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<{ bytes: number }> {
    const target = this.pathOf(key);
    // A source that fails before the pipeline starts is reported by the pipeline, not uncaught.
    if (!(body instanceof Uint8Array)) body.on('error', () => {});
    const partials = path.join(this.root, partialsFolder);
    await mkdir(partials, { recursive: true });
    const partial = path.join(partials, `${randomUUID()}.part`);
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(null, chunk);
      },
    });
    const writer = createWriteStream(partial, { flush: true });
    try {
      const source = body instanceof Uint8Array ? Readable.from([body]) : body;
      await pipeline(source, counter, writer, {
        ...(options.signal ? { signal: options.signal } : {}),
      });
      await mkdir(path.dirname(target), { recursive: true });
      await rename(partial, target);
    } catch (error) {
      // The pipeline can fail before the file is even open; removing it before the writer has
      // closed would race the open and leave the partial behind.
      if (!writer.closed) await new Promise<void>((resolve) => writer.once('close', () => resolve()));
      await rm(partial, { force: true });
      throw error;
    }
    return { bytes };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    // Opened before it is returned, so a missing file is this call's error, not the stream's.
    const stream = createReadStream(file, range ? { start: range.start, end: range.end } : {});
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) => reject(missing(error) ? new StorageNotFoundError(key) : error));
    });
    return stream;
  }

  async head(key: string): Promise<{ bytes: number } | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { bytes: info.size } : undefined;
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async sweepPartials(olderThanMs: number): Promise<number> {
    const folder = path.join(this.root, partialsFolder);
    const names = await readdir(folder).catch((error: unknown) => {
      if (missing(error)) return [] as string[];
      throw error;
    });
    let removed = 0;
    for (const name of names) {
      const file = path.join(folder, name);
      const info = await stat(file).catch(() => undefined);
      if (!info || Date.now() - info.mtimeMs < olderThanMs) continue;
      await rm(file, { force: true });
      removed += 1;
    }
    return removed;
  }

  async close(): Promise<void> {}
}
