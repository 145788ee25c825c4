import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tinyVideo } from './tiny-video.js';

export interface EmulatedFilesOptions {
  /**
   * The size of every served video, in bytes: past the tiny video's own size it is an MP4 whose media
   * data is filler, generated as it is sent (a benchmark's gigabyte costs the emulator no memory).
   */
  videoBytes?: number;
}

export interface FileStats {
  /** GET requests of a video that began. */
  reads: number;
  /** Reads answered to the last byte. */
  completed: number;
}

const chunkBytes = 1 << 20;

function boxHeader(type: string, size: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1, 0);
  header.write(type, 4, 'latin1');
  header.writeBigUInt64BE(BigInt(size), 8);
  return header;
}

/**
 * The videos an emulated upstream serves under /files/<job>.mp4, as its CDN does: each job's own bytes
 * (a real MP4 that names the job), until the test drops them (the link expired) or while it holds them
 * (a download stops halfway until released).
 */
export class EmulatedFiles {
  readonly stats: FileStats = { reads: 0, completed: 0 };
  private readonly dropped = new Set<string>();
  private held: Promise<void> | undefined;
  private releaseHeld: (() => void) | undefined;

  constructor(
    private readonly options: EmulatedFilesOptions,
    private readonly notify: () => void,
  ) {}

  /** The tiny video with a `free` box that names the job: valid, and different for every job. */
  private small(jobId: string): Buffer {
    const video = tinyVideo();
    const name = Buffer.from(`ads emulator job ${jobId}`, 'latin1');
    const free = Buffer.alloc(8);
    free.writeUInt32BE(8 + name.length, 0);
    free.write('free', 4, 'latin1');
    return Buffer.concat([video, free, name]);
  }

  /** The video of a job, piece by piece. */
  private *pieces(jobId: string): Generator<Buffer> {
    const small = this.small(jobId);
    const size = this.options.videoBytes ?? 0;
    if (size <= small.length) {
      yield small;
      return;
    }
    // The tiny video, then a filler mdat: the index stays the tiny one's (enough for a probe).
    yield small;
    const filler = size - small.length;
    yield boxHeader('mdat', filler);
    const block = Buffer.alloc(chunkBytes, jobId.charCodeAt(0));
    for (let left = filler - 16; left > 0; left -= chunkBytes)
      yield left >= chunkBytes ? block : block.subarray(0, left);
  }

  sizeOf(jobId: string): number {
    return Math.max(this.small(jobId).length, this.options.videoBytes ?? 0);
  }

  /** The whole video of a job (small ones only) and its SHA-256, for a test to compare with. */
  bytesOf(jobId: string): Buffer {
    return Buffer.concat([...this.pieces(jobId)]);
  }

  sha256Of(jobId: string): string {
    const hash = createHash('sha256');
    for (const piece of this.pieces(jobId)) hash.update(piece);
    return hash.digest('hex');
  }

  /** The link expired upstream: every later read answers 404. */
  drop(jobId: string): void {
    this.dropped.add(jobId);
  }

  /** Every download from now on sends half its bytes, then waits for `release`. */
  hold(): void {
    if (this.held) return;
    this.held = new Promise((resolve) => {
      this.releaseHeld = resolve;
    });
  }

  release(): void {
    this.releaseHeld?.();
    this.held = undefined;
    this.releaseHeld = undefined;
  }

  /** Answers GET /files/<job>.mp4; true when the path was one of its files. */
  async serve(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<boolean> {
    const match = /^\/files\/([^/]+)\.mp4$/.exec(pathname);
    if (!match || request.method !== 'GET') return false;
    const jobId = match[1] as string;
    if (this.dropped.has(jobId)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return true;
    }
    this.stats.reads += 1;
    this.notify();
    const size = this.sizeOf(jobId);
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size });
    const held = this.held;
    let sent = 0;
    for (const piece of this.pieces(jobId)) {
      if (held && sent + piece.length >= size / 2) {
        const half = Math.max(0, Math.floor(size / 2) - sent);
        response.write(piece.subarray(0, half));
        sent += half;
        this.notify();
        await held;
        if (response.destroyed) return true;
        if (!response.write(piece.subarray(half))) await drained(response);
        sent += piece.length - half;
        continue;
      }
      if (response.destroyed) return true;
      if (!response.write(piece)) await drained(response);
      sent += piece.length;
    }
    response.end();
    this.stats.completed += 1;
    this.notify();
    return true;
  }
}

const drained = (response: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
