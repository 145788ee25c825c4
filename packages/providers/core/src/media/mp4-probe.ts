import { type MovieFacts, movieFacts, mp4Boxes } from './mp4-boxes.js';

/** What a video's container says, read as its bytes stream past. */
export interface VideoFacts {
  /** `video/mp4` (or `video/quicktime` for a QuickTime file); undefined when the bytes are no MP4. */
  contentType: string | undefined;
  width: number | undefined;
  height: number | undefined;
  durationSeconds: number | undefined;
}

/** The `moov` box is the index of a file: a few megabytes even for hours of video. Past this, no facts. */
const maxMoovBytes = 64 * 1024 * 1024;

/**
 * Reads the facts of an MP4 from its bytes in order, one chunk at a time, keeping only the `ftyp` and
 * `moov` boxes (wherever the `moov` is: before the media data or after it): memory does not grow
 * with the file. A file that is not an MP4, or is damaged, yields no facts rather than an error.
 */
export class Mp4Probe {
  private position = 0;
  private header: Buffer = Buffer.alloc(0);
  private box: { type: string; left: number; kept: Buffer[] | undefined } | undefined;
  private brand: string | undefined;
  private movie: MovieFacts | undefined;
  private broken = false;

  write(chunk: Uint8Array): void {
    let offset = 0;
    while (!this.broken && offset < chunk.length) {
      if (this.box) {
        const take = Math.min(this.box.left, chunk.length - offset);
        this.box.kept?.push(Buffer.from(chunk.subarray(offset, offset + take)));
        this.box.left -= take;
        offset += take;
        this.position += take;
        if (this.box.left === 0) this.finishBox();
        continue;
      }
      const need = this.header.length >= 8 && this.header.readUInt32BE(0) === 1 ? 16 : 8;
      const take = Math.min(need - this.header.length, chunk.length - offset);
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
      offset += take;
      this.position += take;
      if (this.header.length === 8 && this.header.readUInt32BE(0) === 1) continue;
      if (this.header.length === need) this.beginBox();
    }
  }

  facts(): VideoFacts {
    const mp4 = !this.broken && this.brand !== undefined;
    return {
      contentType: mp4 ? (this.brand === 'qt  ' ? 'video/quicktime' : 'video/mp4') : undefined,
      width: mp4 ? this.movie?.width : undefined,
      height: mp4 ? this.movie?.height : undefined,
      durationSeconds: mp4 ? this.movie?.durationSeconds : undefined,
    };
  }

  private beginBox(): void {
    const size32 = this.header.readUInt32BE(0);
    const type = this.header.toString('latin1', 4, 8);
    const headerBytes = this.header.length;
    // size 0: the box runs to the end of the file (only ever the last one).
    const size = size32 === 1 ? Number(this.header.readBigUInt64BE(8)) : size32 === 0 ? Infinity : size32;
    const first = this.position === headerBytes;
    if (!/^[\x20-\x7e]{4}$/.test(type) || size < headerBytes || (first && type !== 'ftyp')) {
      this.broken = true;
      return;
    }
    const keep = (type === 'ftyp' || type === 'moov') && size <= maxMoovBytes;
    this.box = { type, left: size - headerBytes, kept: keep ? [Buffer.from(this.header)] : undefined };
    this.header = Buffer.alloc(0);
    if (this.box.left === 0) this.finishBox();
  }

  private finishBox(): void {
    const box = this.box;
    this.box = undefined;
    if (!box?.kept) return;
    const bytes = Buffer.concat(box.kept);
    try {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const [parsed] = mp4Boxes(view, 0, bytes.length);
      if (!parsed) return;
      if (box.type === 'ftyp') this.brand = bytes.toString('latin1', parsed.body, parsed.body + 4);
      else this.movie = movieFacts(view, parsed);
    } catch {
      // A damaged index: the file is kept as it is, with no facts.
    }
  }
}
