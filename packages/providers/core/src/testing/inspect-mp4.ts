import { type MovieFacts, movieFacts, mp4Boxes } from '../media/mp4-boxes.js';

/** What the container of an MP4 says, read box by box (ISO/IEC 14496-12). */
export interface Mp4Facts extends MovieFacts {
  majorBrand: string;
}

/** Parses the container and throws on anything a player would refuse to open. */
export function inspectMp4(bytes: Uint8Array): Mp4Facts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = mp4Boxes(view, 0, bytes.byteLength);
  const ftyp = top.find((box) => box.type === 'ftyp');
  const moov = top.find((box) => box.type === 'moov');
  if (!ftyp || !moov) throw new Error('MP4: missing ftyp or moov');
  if (!top.some((box) => box.type === 'mdat')) throw new Error('MP4: no media data');
  const majorBrand = String.fromCharCode(...bytes.subarray(ftyp.body, ftyp.body + 4));
  return { majorBrand, ...movieFacts(view, moov) };
}
