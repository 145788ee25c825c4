import { randomBytes } from 'node:crypto';

export interface MultipartBody {
  contentType: string;
  /** The exact length of the body. */
  bytes: number;
  data: AsyncIterable<Uint8Array>;
}

const quoted = (value: string) => value.replace(/["\\\r\n]/g, '_');

/**
 * A multipart/form-data body of text fields and one file, streamed: the file's bytes are read
 * as the body is sent, never held whole. Its length is known ahead, for upstreams that want it.
 */
export function multipartBody(
  fields: Readonly<Record<string, string>>,
  file: {
    field: string;
    filename: string;
    contentType: string;
    bytes: number;
    data: () => Promise<AsyncIterable<Uint8Array>>;
  },
): MultipartBody {
  const boundary = `ads-${randomBytes(12).toString('hex')}`;
  const textParts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
  );
  const head = Buffer.from(
    `${textParts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* data() {
    yield head;
    yield* await file.data();
    yield tail;
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: head.length + file.bytes + tail.length,
    data: data(),
  };
}
