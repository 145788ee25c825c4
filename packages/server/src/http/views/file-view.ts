import type { UploadedFile } from '@ads/contract';
import type { VideoLinks } from '../../engine/video-links.js';
import type { FileRecord } from '../../store/file-repository.js';
import { iso } from './times.js';

/** An uploaded file as the API shows it, with a fresh signed link to its bytes. */
export function fileView(file: FileRecord, links: VideoLinks, now: number): UploadedFile {
  return {
    id: file.id,
    object: 'file',
    url: links.fileLink(file.id, now).url,
    filename: file.filename,
    bytes: file.bytes,
    content_type: file.contentType as UploadedFile['content_type'],
    sha256: file.sha256,
    workspace_id: file.workspaceId,
    created_at: iso(file.createdAt),
  };
}
