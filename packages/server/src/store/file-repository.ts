import { randomBytes } from 'node:crypto';
import type { FilesTable } from './database.js';
import type { Executor } from './store.js';

/** An uploaded file, as the engine sees it. */
export interface FileRecord {
  id: string;
  workspaceId: string;
  storageKey: string;
  /** The name the upload carried, for display only. */
  filename: string;
  /** Read from the bytes at upload. */
  contentType: string;
  bytes: number;
  sha256: string;
  createdAt: number;
}

const toFileRecord = (row: FilesTable): FileRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  storageKey: row.storage_key,
  filename: row.filename,
  contentType: row.content_type,
  bytes: row.bytes,
  sha256: row.sha256,
  createdAt: row.created_at,
});

/** `file_` and 24 base-62 characters: what POST /v1/files answers, and what inputs accept. */
export const fileIdPattern = /^file_[A-Za-z0-9]{24}$/;

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newFileId(): string {
  // 62 × 4 = 248 < 256: the few bytes at or above it are dropped, so every character is equally likely.
  let id = '';
  while (id.length < 24) {
    for (const byte of randomBytes(32)) {
      if (byte < 248 && id.length < 24) id += alphabet[byte % 62];
    }
  }
  return `file_${id}`;
}

export const fileStorageKey = (workspaceId: string, fileId: string) => `files/${workspaceId}/${fileId}`;

export async function insertFile(executor: Executor, file: FileRecord): Promise<void> {
  await executor
    .insertInto('files')
    .values({
      id: file.id,
      workspace_id: file.workspaceId,
      storage_key: file.storageKey,
      filename: file.filename,
      content_type: file.contentType,
      bytes: file.bytes,
      sha256: file.sha256,
      created_at: file.createdAt,
      deleted_at: null,
    })
    .execute();
}

/** A file of this workspace that was not deleted. */
export async function findFile(
  executor: Executor,
  workspaceId: string,
  id: string,
): Promise<FileRecord | undefined> {
  const row = await executor
    .selectFrom('files')
    .selectAll()
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toFileRecord(row);
}

/** A file by id alone (a signed link is its own access); deleted ones are not found. */
export async function findFileById(executor: Executor, id: string): Promise<FileRecord | undefined> {
  const row = await executor
    .selectFrom('files')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toFileRecord(row);
}

/** Marks the file deleted; true when this call did it. */
export async function markFileDeleted(executor: Executor, id: string, now: number): Promise<boolean> {
  const result = await executor
    .updateTable('files')
    .set({ deleted_at: now })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
