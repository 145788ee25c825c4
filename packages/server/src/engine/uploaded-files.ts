import { type GenerationRequest, uploadedFileIdPattern } from '@ads/contract';
import type { CallerFieldNames, InputFile, VideoProvider } from '@ads/provider';
import { storeUpload, UploadRefusedError } from '@ads/storage';
import {
  type FileRecord,
  fileStorageKey,
  findFile,
  findFileById,
  insertFile,
  newFileId,
} from '../store/file-repository.js';
import type { TaskRecord } from '../store/task-record.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError } from './gateway-error.js';

/** How a task's stored input names an uploaded file until the submit hands the provider a URL for it. */
export const uploadedFileToken = 'ads-file:';

/** How long the signed link a provider is given for an uploaded file stays valid. */
const deliveredLinkSeconds = 24 * 3600;

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};

/** A file name fit to show: no path, no control characters, at most 200 characters. */
function displayName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter(
      (character) => character !== '"' && character.charCodeAt(0) >= 0x20 && character.charCodeAt(0) !== 0x7f,
    )
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'upload';
}

/**
 * Streams an upload into storage and records it. Its type is read from its bytes; past `maxBytes`
 * the write stops and nothing is kept. Refusals are 4xx answers with the envelope.
 */
export async function uploadFile(
  context: EngineContext,
  workspaceId: string,
  upload: {
    filename: string | undefined;
    bytes: AsyncIterable<Uint8Array>;
    maxBytes: number;
    signal?: AbortSignal;
  },
): Promise<FileRecord> {
  const id = newFileId();
  const key = fileStorageKey(workspaceId, id);
  let stored: Awaited<ReturnType<typeof storeUpload>>;
  try {
    stored = await storeUpload(context.storage, key, upload.bytes, {
      maxBytes: upload.maxBytes,
      ...(upload.signal ? { signal: upload.signal } : {}),
    });
  } catch (error) {
    if (!UploadRefusedError.isInstance(error)) throw error;
    const code =
      error.reason === 'too_large'
        ? 'payload_too_large'
        : error.reason === 'unsupported_type'
          ? 'unsupported_media_type'
          : 'invalid_request';
    throw new GatewayError({
      code,
      message: `The upload was refused: ${error.message}.`,
      details: { maxBytes: upload.maxBytes },
    });
  }
  const file: FileRecord = {
    id,
    workspaceId,
    storageKey: key,
    filename: displayName(upload.filename),
    contentType: stored.contentType,
    bytes: stored.bytes,
    sha256: stored.sha256,
    createdAt: context.now(),
  };
  try {
    await insertFile(context.store.db, file);
  } catch (error) {
    await context.storage.delete(key).catch(() => {});
    throw error;
  }
  return file;
}

type MediaKind = 'image' | 'video';

/**
 * Replaces every uploaded file an input names (its `file_...` id, or this gateway's link to it) by
 * the token the submit resolves; other URLs stay as they are. A file not in the workspace, or of the
 * wrong kind (a video as an image), is a 400 naming the input.
 */
export async function resolveUploadedInputs(
  context: EngineContext,
  request: GenerationRequest,
  workspaceId: string,
  fieldNames: CallerFieldNames,
): Promise<GenerationRequest> {
  const resolve = async (urls: readonly string[], kind: MediaKind, field: string) =>
    Promise.all(
      urls.map(async (url, index) => {
        const id = uploadedFileIdPattern.test(url) ? url : context.links.fileIdOf(url);
        if (!id) return url;
        const file = await findFile(context.store.db, workspaceId, id);
        const path = `${field}.${index}`;
        if (!file) {
          throw new GatewayError({
            code: 'invalid_request',
            message: `No uploaded file ${id} in this workspace; upload it with POST /v1/files first.`,
            issues: [{ path, message: 'unknown file' }],
          });
        }
        if (!file.contentType.startsWith(`${kind}/`)) {
          throw new GatewayError({
            code: 'invalid_request',
            message: `${id} is ${file.contentType}; ${field} takes ${kind === 'image' ? 'PNG, JPEG or WebP images' : 'MP4, MOV or WebM videos'}.`,
            issues: [{ path, message: `not ${kind === 'image' ? 'an image' : 'a video'}` }],
          });
        }
        return `${uploadedFileToken}${id}`;
      }),
    );
  const imageInput = await resolve(request.imageInput, 'image', fieldNames.imageInput);
  const videoInput = await resolve(request.videoInput, 'video', fieldNames.videoInput);
  return { ...request, imageInput, videoInput };
}

/** A stored input's uploaded file that the submit cannot hand over: the task fails and is refunded. */
export class UndeliverableFileError extends Error {
  override readonly name = 'UndeliverableFileError';
}

const fileIdOfToken = (value: unknown) =>
  typeof value === 'string' && value.startsWith(uploadedFileToken)
    ? value.slice(uploadedFileToken.length)
    : undefined;

/**
 * The task's input with each uploaded file replaced by the URL its provider is given: the adapter's
 * choice (`deliverFile`: the signed link when the gateway is public, else its own upload API), or the
 * signed link. Uploads a file at most once per submit; creates no job.
 */
export async function deliverUploadedInputs(
  context: EngineContext,
  task: TaskRecord,
  provider: VideoProvider,
): Promise<Record<string, unknown>> {
  const ids = new Set<string>();
  for (const value of Object.values(task.input)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const id = fileIdOfToken(item);
      if (id) ids.add(id);
    }
  }
  if (ids.size === 0) return task.input;
  const urls = new Map<string, string>();
  for (const id of ids) urls.set(id, await deliveredUrl(context, task, provider, id));
  const swap = (item: unknown) => {
    const id = fileIdOfToken(item);
    return id ? urls.get(id) : item;
  };
  return Object.fromEntries(
    Object.entries(task.input).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map(swap) : swap(value),
    ]),
  );
}

async function deliveredUrl(context: EngineContext, task: TaskRecord, provider: VideoProvider, id: string) {
  const row = await findFileById(context.store.db, id);
  if (!row || row.workspaceId !== task.workspaceId) {
    throw new UndeliverableFileError(`The uploaded file ${id} was deleted before the task was submitted.`);
  }
  const file: InputFile = {
    id: row.id,
    filename: `${row.id}.${extensions[row.contentType] ?? 'bin'}`,
    contentType: row.contentType,
    bytes: row.bytes,
    storageKey: row.storageKey,
    ...(context.webhookBaseUrl
      ? { publicUrl: context.links.fileLink(row.id, context.now(), deliveredLinkSeconds).url }
      : {}),
    open: () => context.storage.read(row.storageKey),
  };
  if (provider.deliverFile) return provider.deliverFile(file, { signal: context.shutdown });
  if (file.publicUrl) return file.publicUrl;
  throw new UndeliverableFileError(
    `${task.provider} can only fetch uploaded files from a public gateway; set ADS_PUBLIC_URL.`,
  );
}
