import { contract } from '@ads/contract';
import { create as contentDisposition } from 'content-disposition';
import type { NextFunction, Request, Response } from 'express';
import type { Authenticator } from '../auth/authenticator.js';
import type { Caller } from '../auth/caller.js';
import type { Engine } from '../engine/engine.js';
import { GatewayError, notFound } from '../engine/gateway-error.js';
import type { VideoLinks } from '../engine/video-links.js';
import type { FileRecord } from '../store/file-repository.js';
import { isMultipart, readMultipartForm } from './multipart-form.js';
import { parseRequestPart } from './parse-request-part.js';
import { sendStoredFile } from './stored-file-response.js';
import type { DownloadHandler } from './video-download.js';
import { fileView } from './views/file-view.js';

export interface FileRouteOptions {
  engine: Engine;
  authenticator: Authenticator;
  links: VideoLinks;
  /** ADS_UPLOAD_LIMIT in bytes. */
  maxBytes: number;
  now: () => number;
}

const uploadRoute = contract.files.uploadFile;
const downloadRoute = contract.files.downloadFile;

const headersOf = (request: Request) => request.headers as Record<string, string | undefined>;

/** Refuses a body that is not multipart before any byte of it is read. */
export function requireMultipart(request: Request, field: string): void {
  if (isMultipart(request)) return;
  throw new GatewayError({
    code: 'invalid_request',
    message: `Send multipart/form-data with the file in a part named ${field}.`,
    issues: [{ path: field, message: 'required' }],
  });
}

/**
 * Streams the file parts of a multipart request into the workspace's uploads: what POST /v1/files
 * and a file `input_reference` share.
 */
export function readUploadForm(
  options: FileRouteOptions,
  request: Request,
  response: Response,
  caller: Caller,
  fileFields: readonly string[],
  workspaceId?: string,
) {
  const abort = new AbortController();
  request.once('close', () => {
    if (!request.complete) abort.abort(new Error('the client went away during the upload'));
  });
  return readMultipartForm<FileRecord>(request, response, {
    fileFields,
    maxFileBytes: options.maxBytes,
    onFile: (file) =>
      options.engine.uploadFile(caller, workspaceId, {
        filename: file.filename,
        bytes: file.bytes,
        maxBytes: options.maxBytes,
        signal: abort.signal,
      }),
  });
}

/** `POST /v1/files`: one multipart part named `file`, streamed into storage. */
export function fileUpload(options: FileRouteOptions) {
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const caller = await options.authenticator.authenticate(headersOf(request), request.method);
      const { workspace_id } = parseRequestPart(uploadRoute.query, request.query);
      requireMultipart(request, 'file');
      const form = await readUploadForm(options, request, response, caller, ['file'], workspace_id);
      const file = form.files.get('file');
      if (!file) {
        throw new GatewayError({
          code: 'invalid_request',
          message: 'The form has no file; send it in a part named file.',
          issues: [{ path: 'file', message: 'required' }],
        });
      }
      response.status(200).json(fileView(file, options.links, options.now()));
    } catch (error) {
      next(error);
    }
  };
}

/** `GET /v1/files/:id/content`: the bytes, for a signed link or the API key. */
export function fileDownload(
  options: FileRouteOptions & { storage: Parameters<typeof sendStoredFile>[0] },
): DownloadHandler {
  return async (request, response, params, query) => {
    const { id } = parseRequestPart(downloadRoute.pathParams, params);
    const { expires, signature } = parseRequestPart(downloadRoute.query, query);
    let file: FileRecord | undefined;
    if (signature !== undefined || expires !== undefined) {
      const check = options.links.checkFile(id, expires ?? '', signature ?? '', options.now());
      if (check !== 'valid') {
        throw new GatewayError({
          code: 'link_expired',
          message: `This file link ${check === 'expired' ? 'expired' : 'is not valid'}. Read the file again (GET /v1/files/${id}) for a fresh link, or send your API key.`,
        });
      }
      file = await options.engine.findFileForLink(id);
    } else {
      const caller = await options.authenticator.authenticate(
        request.headers as Record<string, string | undefined>,
        request.method ?? 'GET',
      );
      file = await options.engine.getFile(caller, id);
    }
    if (!file) throw notFound(`No uploaded file ${id}.`);
    await sendStoredFile(options.storage, request, response, {
      key: file.storageKey,
      bytes: file.bytes,
      etag: `"${file.sha256}"`,
      contentType: file.contentType,
      disposition: contentDisposition(file.filename, { type: 'inline' }),
    });
  };
}
