import type { Contract, UploadedFile } from '@ads/contract';
import { ApiPromise } from '../api-promise.js';
import { once, read, type SuccessBody, unwrap } from '../call.js';
import type { RawClient } from '../raw-client.js';
import type { StreamSettings } from '../task-stream.js';
import type { RequestOptions } from '../transport.js';
import type { NodeUpload, UploadOptions, UploadSource } from './upload-options.js';

export type { UploadOptions, UploadSource } from './upload-options.js';

/** `/v1/files`: uploads to give as image or video inputs, by `file_...` id or by their URL. */
export function filesResource(raw: RawClient, settings: StreamSettings) {
  return {
    /** Uploads a Blob, a File, or (Node) a local path; answers its `id`, `url`, `bytes`, `content_type`, `sha256`. */
    upload: (source: UploadSource, options: UploadOptions = {}): ApiPromise<UploadedFile> => {
      if (typeof source === 'string' || options.onProgress) {
        // A path or progress: Node only, in a module bundlers do not follow (the browser entry stays small).
        const module = './upload-node.js';
        return new ApiPromise(
          (import(module) as Promise<NodeUpload>).then((node) =>
            node.uploadInNode(settings, source, options),
          ),
        );
      }
      const form = new FormData();
      form.append('file', source, options.filename ?? (source as File).name ?? 'upload');
      return unwrap(
        raw.files.uploadFile({
          body: form as never,
          query: { workspace_id: options.workspaceId },
          call: once({ signal: options.signal }),
        }),
      );
    },
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
