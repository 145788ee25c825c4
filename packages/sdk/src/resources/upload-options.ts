import type { UploadedFile } from '@ads/contract';
import type { WithResponse } from '../api-promise.js';
import type { StreamSettings } from '../task-stream.js';

export interface UploadOptions {
  /** The name shown for the file (default: the path's base name, or the File's own name). */
  filename?: string;
  workspaceId?: string;
  signal?: AbortSignal;
  /** Told how many bytes went out as the upload streams (Node only: the body is then streamed by hand). */
  onProgress?: (progress: { sentBytes: number; totalBytes: number }) => void;
}

/** A Blob (or File) to upload, or, in Node, the path of a local file. */
export type UploadSource = Blob | string;

/** What the Node-only upload module (`upload-node.ts`) exports. */
export interface NodeUpload {
  uploadInNode(
    settings: StreamSettings,
    source: UploadSource,
    options: UploadOptions,
  ): Promise<WithResponse<UploadedFile>>;
}
