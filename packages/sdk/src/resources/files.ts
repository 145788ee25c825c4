import type { Contract, UploadedFile } from '@ads/contract';
import { ApiPromise } from '../api-promise.js';
import { once, read, type SuccessBody, unwrap } from '../call.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import type { RawClient } from '../raw-client.js';
import type { StreamSettings } from '../task-stream.js';
import type { RequestOptions } from '../transport.js';

export interface UploadOptions {
  /** The name shown for the file (default: the path's base name, or the File's own name). */
  filename?: string;
  workspaceId?: string;
  signal?: AbortSignal;
  /** Told how many bytes went out as the upload streams (Node: the body is streamed, never buffered). */
  onProgress?: (progress: { sentBytes: number; totalBytes: number }) => void;
}

/** A Blob (or File) to upload, or, in Node, the path of a local file. */
export type UploadSource = Blob | string;

async function blobOf(source: UploadSource): Promise<{ blob: Blob; name: string | undefined }> {
  if (typeof source !== 'string') return { blob: source, name: (source as File).name };
  // Node only; the specifier is a variable so that browser bundles leave it out.
  const fs = 'node:fs';
  const { openAsBlob } = (await import(fs)) as { openAsBlob(path: string): Promise<Blob> };
  return { blob: await openAsBlob(source), name: source.split(/[\\/]/).pop() };
}

/**
 * A multipart body with the file streamed through a counter, so an upload reports its progress
 * (fetch says nothing of a FormData's progress). Its length is known ahead.
 */
function countedBody(blob: Blob, filename: string, onProgress: NonNullable<UploadOptions['onProgress']>) {
  const boundary = `ads-sdk-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const safeName = filename.replace(/["\r\n\\]/g, '_');
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${blob.type || 'application/octet-stream'}\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  let sentBytes = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      sentBytes += chunk.byteLength;
      onProgress({ sentBytes, totalBytes: blob.size });
      controller.enqueue(chunk);
    },
  });
  const parts = [new Blob([head]).stream(), blob.stream().pipeThrough(counter), new Blob([tail]).stream()];
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const part = parts[0];
        if (!part) return controller.close();
        const reader = part.getReader();
        const next = await reader.read();
        reader.releaseLock();
        if (next.done) {
          parts.shift();
          continue;
        }
        return controller.enqueue(next.value);
      }
    },
  });
  return {
    body,
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.byteLength + blob.size + tail.byteLength,
  };
}

/** `/v1/files`: uploads to give as image or video inputs, by `file_...` id or by their URL. */
export function filesResource(raw: RawClient, settings: StreamSettings) {
  return {
    /** Uploads a Blob, a File, or (Node) a local path; answers its `id`, `url`, `bytes`, `content_type`, `sha256`. */
    upload: (source: UploadSource, options: UploadOptions = {}): ApiPromise<UploadedFile> =>
      new ApiPromise(
        (async () => {
          const { blob, name } = await blobOf(source);
          const filename = options.filename ?? name ?? 'upload';
          const query = options.workspaceId ? `?workspace_id=${encodeURIComponent(options.workspaceId)}` : '';
          let init: RequestInit & { duplex?: 'half' };
          if (options.onProgress) {
            const counted = countedBody(blob, filename, options.onProgress);
            init = {
              body: counted.body,
              duplex: 'half',
              headers: { 'content-type': counted.contentType, 'content-length': String(counted.length) },
            };
          } else {
            const form = new FormData();
            form.append('file', blob, filename);
            init = { body: form };
          }
          const response = await settings.fetch(`${settings.baseUrl.replace(/\/+$/, '')}/v1/files${query}`, {
            ...init,
            method: 'POST',
            headers: { ...settings.headers(), ...(init.headers as Record<string, string> | undefined) },
            ...(options.signal ? { signal: options.signal } : {}),
          });
          const text = await response.text();
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON: the error below quotes it.
          }
          if (!response.ok) throw errorFromResponse(response.status, body, response.headers);
          return { data: body as UploadedFile, response };
        })(),
      ),
    get: (
      id: string,
      options?: RequestOptions & { workspaceId?: string },
    ): ApiPromise<SuccessBody<Contract['files']['getFile']>> =>
      unwrap(
        raw.files.getFile({
          params: { id },
          query: { workspace_id: options?.workspaceId },
          call: read(options),
        }),
      ),
    delete: (
      id: string,
      options?: RequestOptions & { workspaceId?: string },
    ): ApiPromise<SuccessBody<Contract['files']['deleteFile']>> =>
      unwrap(
        raw.files.deleteFile({
          params: { id },
          query: { workspace_id: options?.workspaceId },
          call: once(options),
        }),
      ),
  };
}

export type FilesResource = ReturnType<typeof filesResource>;
