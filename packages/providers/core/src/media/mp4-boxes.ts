/** Boxes of an ISO base media file (MP4, ISO/IEC 14496-12), and what a `moov` box says of the video. */

export interface Mp4Box {
  type: string;
  start: number;
  end: number;
  /** Where the box's content starts (after its header). */
  body: number;
}

const typeAt = (view: DataView, offset: number) =>
  String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + offset, 4));

/** The boxes side by side between `start` and `end`; throws on one that overruns them. */
export function mp4Boxes(view: DataView, start: number, end: number): Mp4Box[] {
  const found: Mp4Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    const type = typeAt(view, offset + 4);
    let body = offset + 8;
    if (size === 1) {
      size = Number(view.getBigUint64(offset + 8));
      body += 8;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < 8 || offset + size > end) throw new Error(`MP4: box ${type} at ${offset} overruns its parent`);
    found.push({ type, start: offset, end: offset + size, body });
    offset += size;
  }
  return found;
}

export function mp4Child(view: DataView, parent: Mp4Box, type: string, skip = 0): Mp4Box {
  const box = mp4Boxes(view, parent.body + skip, parent.end).find((candidate) => candidate.type === type);
  if (!box) throw new Error(`MP4: no ${type} in ${parent.type}`);
  return box;
}

export interface MovieFacts {
  durationSeconds: number;
  width: number;
  height: number;
  /** Sample entry format of the video track, e.g. `avc1` for H.264. */
  codec: string;
  sampleCount: number;
}

/** What a `moov` box says: the movie's duration, and the size and codec of its first video track. */
export function movieFacts(view: DataView, moov: Mp4Box): MovieFacts {
  const mvhd = mp4Child(view, moov, 'mvhd');
  const mvhdVersion = view.getUint8(mvhd.body);
  const timescale = view.getUint32(mvhd.body + (mvhdVersion === 1 ? 20 : 12));
  const duration =
    mvhdVersion === 1 ? Number(view.getBigUint64(mvhd.body + 24)) : view.getUint32(mvhd.body + 16);
  const tracks = mp4Boxes(view, moov.body, moov.end).filter((box) => box.type === 'trak');
  // The video track: its handler is `vide` (a clip with sound has an audio track too).
  const trak =
    tracks.find((candidate) => {
      const hdlr = mp4Child(view, mp4Child(view, candidate, 'mdia'), 'hdlr');
      return typeAt(view, hdlr.body + 8) === 'vide';
    }) ?? tracks[0];
  if (!trak) throw new Error('MP4: no trak in moov');
  const tkhd = mp4Child(view, trak, 'tkhd');
  const tkhdVersion = view.getUint8(tkhd.body);
  const sizeOffset = tkhd.body + (tkhdVersion === 1 ? 88 : 76);
  const stbl = mp4Child(view, mp4Child(view, mp4Child(view, trak, 'mdia'), 'minf'), 'stbl');
  const stsd = mp4Child(view, stbl, 'stsd');
  const stsz = mp4Child(view, stbl, 'stsz');
  return {
    durationSeconds: timescale > 0 ? duration / timescale : 0,
    width: view.getUint32(sizeOffset) / 65536,
    height: view.getUint32(sizeOffset + 4) / 65536,
    codec: typeAt(view, stsd.body + 12),
    sampleCount: view.getUint32(stsz.body + 8),
  };
}
