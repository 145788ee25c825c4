import type { HttpClient, InputFile } from '@ads/provider';
import { falError } from './fal-error.js';

/** fal-js sends files larger than this in parts (storage.ts); smaller ones in one PUT. */
export const falMultipartThreshold = 90 * 1024 * 1024;
const partBytes = 10 * 1024 * 1024;

interface Initiated {
  upload_url: string;
  file_url: string;
}

/** Cuts a stream into parts of `size` bytes (the last one shorter), holding one part at a time. */
async function* partsOf(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    let rest = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (pendingBytes + rest.length >= size) {
      const take = size - pendingBytes;
      yield Buffer.concat([...pending, rest.subarray(0, take)]);
      rest = rest.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (rest.length > 0) {
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

/**
 * Uploads a file to fal's CDN the way fal-js does: initiate at `rest.fal.ai` with the fal key, then
 * PUT the bytes to the presigned URL it answers (no fal key on that request); above 90 MB, 10 MB
 * parts and a complete call. Answers the `file_url` to give as the model's input.
 */
export async function uploadToFalStorage(
  http: HttpClient,
  settings: { restURL: string; headers: Record<string, string>; signal?: AbortSignal | undefined },
  file: InputFile,
): Promise<string> {
  const multipart = file.bytes > falMultipartThreshold;
  const initiateUrl = `${settings.restURL}/storage/upload/${multipart ? 'initiate-multipart' : 'initiate'}?storage_type=fal-cdn-v3`;
  const initiated = await http.send({
    method: 'POST',
    url: initiateUrl,
    headers: settings.headers,
    body: { content_type: file.contentType, file_name: file.filename },
    signal: settings.signal,
  });
  const answer = initiated.json as Partial<Initiated> | undefined;
  if (
    initiated.status < 200 ||
    initiated.status >= 300 ||
    typeof answer?.upload_url !== 'string' ||
    typeof answer.file_url !== 'string'
  ) {
    throw falError(initiateUrl, initiated);
  }
  const uploadUrl = new URL(answer.upload_url);
  if (!multipart) {
    const put = await http.send({
      method: 'PUT',
      url: uploadUrl.href,
      upload: { contentType: file.contentType, data: await file.open(), bytes: file.bytes },
      signal: settings.signal,
    });
    if (put.status < 200 || put.status >= 300) throw falError(uploadUrl.origin, put);
    return answer.file_url;
  }
  const base = `${uploadUrl.origin}${uploadUrl.pathname}`;
  const parts: Array<{ partNumber: number; etag: string }> = [];
  let partNumber = 0;
  for await (const part of partsOf(await file.open(), partBytes)) {
    partNumber += 1;
    const put = await http.send({
      method: 'PUT',
      url: `${base}/${partNumber}${uploadUrl.search}`,
      upload: { contentType: file.contentType, data: part, bytes: part.length },
      signal: settings.signal,
    });
    const etag = (put.json as { etag?: unknown } | undefined)?.etag ?? put.headers.etag;
    if (put.status < 200 || put.status >= 300 || typeof etag !== 'string') throw falError(base, put);
    parts.push({ partNumber, etag });
  }
  const completeUrl = `${base}/complete${uploadUrl.search}`;
  const complete = await http.send({
    method: 'POST',
    url: completeUrl,
    body: { parts },
    signal: settings.signal,
  });
  if (complete.status < 200 || complete.status >= 300) throw falError(completeUrl, complete);
  return answer.file_url;
}
