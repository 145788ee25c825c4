/** What the container of an MP4 says, read box by box (ISO/IEC 14496-12). */
export interface Mp4Facts {
  majorBrand: string;
  durationSeconds: number;
  width: number;
  height: number;
  /** Sample entry format of the video track, e.g. `avc1` for H.264. */
  codec: string;
  sampleCount: number;
}

interface Box {
  type: string;
  start: number;
  end: number;
  body: number;
}

function boxes(view: DataView, start: number, end: number): Box[] {
  const found: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + offset + 4, 4));
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

function child(view: DataView, parent: Box, type: string, skip = 0): Box {
  const box = boxes(view, parent.body + skip, parent.end).find((candidate) => candidate.type === type);
  if (!box) throw new Error(`MP4: no ${type} in ${parent.type}`);
  return box;
}

/** Parses the container and throws on anything a player would refuse to open. */
export function inspectMp4(bytes: Uint8Array): Mp4Facts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = boxes(view, 0, bytes.byteLength);
  const ftyp = top.find((box) => box.type === 'ftyp');
  const moov = top.find((box) => box.type === 'moov');
  if (!ftyp || !moov) throw new Error('MP4: missing ftyp or moov');
  if (!top.some((box) => box.type === 'mdat')) throw new Error('MP4: no media data');
  const majorBrand = String.fromCharCode(...bytes.subarray(ftyp.body, ftyp.body + 4));
  const mvhd = child(view, moov, 'mvhd');
  const mvhdVersion = view.getUint8(mvhd.body);
  const timescale = view.getUint32(mvhd.body + (mvhdVersion === 1 ? 20 : 12));
  const duration =
    mvhdVersion === 1 ? Number(view.getBigUint64(mvhd.body + 24)) : view.getUint32(mvhd.body + 16);
  const trak = child(view, moov, 'trak');
  const tkhd = child(view, trak, 'tkhd');
  const tkhdVersion = view.getUint8(tkhd.body);
  const sizeOffset = tkhd.body + (tkhdVersion === 1 ? 88 : 76);
  const stbl = child(view, child(view, child(view, trak, 'mdia'), 'minf'), 'stbl');
  const stsd = child(view, stbl, 'stsd');
  const codec = String.fromCharCode(...bytes.subarray(stsd.body + 12, stsd.body + 16));
  const stsz = child(view, stbl, 'stsz');
  return {
    majorBrand,
    durationSeconds: duration / timescale,
    width: view.getUint32(sizeOffset) / 65536,
    height: view.getUint32(sizeOffset + 4) / 65536,
    codec,
    sampleCount: view.getUint32(stsz.body + 8),
  };
}
