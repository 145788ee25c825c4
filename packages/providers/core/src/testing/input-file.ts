import type { InputFile } from '../video-model.js';

/** An uploaded file as the engine hands it to `deliverFile`, its bytes served in small chunks. */
export function testInputFile(bytes: Buffer, overrides: Partial<InputFile> = {}): InputFile {
  return {
    id: 'file_AAAAAAAAAAAAAAAAAAAAAAAA',
    filename: 'file_AAAAAAAAAAAAAAAAAAAAAAAA.png',
    contentType: 'image/png',
    bytes: bytes.length,
    storageKey: 'files/ws/file_AAAAAAAAAAAAAAAAAAAAAAAA',
    open: async () =>
      (async function* () {
        for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
          yield bytes.subarray(offset, offset + 64 * 1024);
        }
      })(),
    ...overrides,
  };
}
