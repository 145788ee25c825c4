import path from 'node:path';
import type { UploadedFile } from '@ads/contract';
import type { WithResponse } from '../api-promise.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import type { StreamSettings } from '../task-stream.js';
import type { UploadOptions, UploadSource } from './upload-options.js';

/** A Blob as it is, or a local path opened as one (read as it is sent, never whole). */
async function blobOf(source: UploadSource): Promise<{ blob: Blob; name: string | undefined }> {
  if (typeof source !== 'string') return { blob: source, name: (source as File).name };
  const { openAsBlob } = await import('node:fs');
  return { blob: await openAsBlob(source), name: path.basename(source) };
}

/**
 * An upload in Node: a local path, and progress. The multipart body is built here with the file
 * streamed through a counter (fetch says nothing of a FormData's progress). Loaded only for these,
 * so the browser bundle does not carry it.
 */
export async function uploadInNode(
  settings: StreamSettings,
  source: UploadSource,
  options: UploadOptions,
): Promise<WithResponse<UploadedFile>> {
  const { blob, name } = await blobOf(source);
  const filename = options.filename ?? name ?? 'upload';
  const query = options.workspaceId ? `?workspace_id=${encodeURIComponent(options.workspaceId)}` : '';
  const onProgress = options.onProgress ?? (() => {});
  const boundary = `ads-sdk-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename.replace(/["\r\n\\]/g, '_')}"\r\nContent-Type: ${blob.type || 'application/octet-stream'}\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  let sentBytes = 0;
  async function* parts() {
    yield head;
    for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) {
      sentBytes += chunk.byteLength;
      onProgress({ sentBytes, totalBytes: blob.size });
      yield chunk;
    }
    yield tail;
  }
  const { Readable } = await import('node:stream');
  const response = await settings.fetch(`${settings.baseUrl.replace(/\/+$/, '')}/v1/files${query}`, {
    method: 'POST',
    headers: {
      ...settings.headers(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.byteLength + blob.size + tail.byteLength),
    },
    body: Readable.toWeb(Readable.from(parts())) as ReadableStream<Uint8Array>,
    duplex: 'half',
    ...(options.signal ? { signal: options.signal } : {}),
  } as RequestInit);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the error quotes it.
  }
  if (!response.ok) throw errorFromResponse(response.status, body, response.headers);
  return { data: body as UploadedFile, response };
}
