import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract } from '@ads/contract';
import type { VideoStorage } from '@ads/storage';
import { create as contentDisposition } from 'content-disposition';
import type { NextFunction, Request, Response } from 'express';
import type { Authenticator } from '../auth/authenticator.js';
import type { Engine } from '../engine/engine.js';
import { GatewayError, notFound } from '../engine/gateway-error.js';
import type { VideoLinks } from '../engine/video-links.js';
import type { StoredVideo, TaskRecord } from '../store/task-record.js';
import { parseRequestPart } from './parse-request-part.js';
import { redirectTo, type StoredFileFacts, sendStoredFile } from './stored-file-response.js';

const route = contract.videos.downloadVideo;

export interface VideoDownloadOptions {
  engine: Engine;
  authenticator: Authenticator;
  links: VideoLinks;
  storage: VideoStorage;
  /** Answer with a redirect to a presigned link of the store instead of streaming (S3). */
  redirect: boolean;
  linkTtlSeconds: number;
  now: () => number;
}

/** `a-calm-ocean-at-dawn-3f0b6c1e.mp4`: the prompt's first words and the task, for a Save dialog. */
export function videoFileName(task: TaskRecord, index: number): string {
  const prompt = typeof task.input.prompt === 'string' ? task.input.prompt : '';
  const words = prompt
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 6)
    .join('-')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${words || 'video'}-${task.id.slice(0, 8)}${index > 0 ? `-${index + 1}` : ''}.mp4`;
}

/** A stored video as a file to send: its key, size, ETag (its SHA-256) and a readable name. */
export function storedVideoFile(task: TaskRecord, video: StoredVideo, key: string): StoredFileFacts {
  return {
    key,
    bytes: video.bytes ?? 0,
    etag: `"${video.sha256 ?? `${video.bytes ?? 0}`}"`,
    contentType: video.contentType,
    disposition: contentDisposition(videoFileName(task, video.index), { type: 'inline' }),
  };
}

/** A download route's work on the bare Node objects: the lean path and express both call it (see `onExpress`). */
export type DownloadHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  params: unknown,
  query: Record<string, unknown>,
) => Promise<void>;

/** The download routes' handlers, made once for the lean path and express alike. */
export interface Downloads {
  video: DownloadHandler;
  file: DownloadHandler;
}

/** A download handler as express middleware: an error before the answer goes to express's handler. */
export function onExpress(handler: DownloadHandler) {
  return (request: Request, response: Response, next: NextFunction) => {
    handler(request, response, request.params, request.query as Record<string, unknown>).catch(
      (error: unknown) => {
        if (response.headersSent) return void response.destroy(error as Error);
        next(error);
      },
    );
  };
}

/**
 * `GET|HEAD /v1/tasks/:id/videos/:file`: a stored video, streamed from storage with ranges, ETag
 * and a readable file name. A signed link (the task's `videos[].url`) is its own access; without
 * one the API key must reach the task. Not a ts-rest route: the answer is a stream with its own headers.
 */
export function videoDownload(options: VideoDownloadOptions): DownloadHandler {
  return async (request, response, params, query) => {
    const { task, video } = await findVideo(options, request, params, query);
    if (!video.stored || !video.key) return redirectTo(response, video.sourceUrl);
    const file = storedVideoFile(task, video, video.key);
    if (options.redirect && options.storage.link) {
      const link = await options.storage.link(video.key, {
        expiresInSeconds: Math.min(options.linkTtlSeconds, 3600),
        contentType: video.contentType,
        contentDisposition: file.disposition,
      });
      return redirectTo(response, link);
    }
    await sendStoredFile(options.storage, request, response, file);
  };
}

async function findVideo(
  options: VideoDownloadOptions,
  request: IncomingMessage,
  params: unknown,
  query: Record<string, unknown>,
): Promise<{ task: TaskRecord; video: StoredVideo }> {
  const { id, file } = parseRequestPart(route.pathParams, params);
  const index = Number.parseInt(file, 10);
  const { expires, signature } = query;
  let task: TaskRecord | undefined;
  if (typeof signature === 'string' || typeof expires === 'string') {
    const check = options.links.check(
      id,
      index,
      String(expires ?? ''),
      String(signature ?? ''),
      options.now(),
    );
    if (check !== 'valid') {
      throw new GatewayError({
        code: 'link_expired',
        message:
          check === 'expired'
            ? `This video link expired at ${new Date(Number(expires) * 1000).toISOString()}. Read the task again (GET /v1/tasks/${id}) for a fresh link, or send your API key.`
            : `This video link’s signature is not valid. Read the task again (GET /v1/tasks/${id}) for a working link, or send your API key.`,
        details: { taskId: id },
      });
    }
    task = await options.engine.findForLink(id);
  } else {
    const caller = await options.authenticator.authenticate(
      request.headers as Record<string, string | undefined>,
      request.method ?? 'GET',
    );
    task = await options.engine.get(caller, id);
  }
  if (!task) throw notFound(`No task ${id} in your workspaces.`);
  if (task.videosDeletedAt !== null) {
    throw notFound(
      `The videos of task ${id} were deleted on ${new Date(task.videosDeletedAt).toISOString()}.`,
    );
  }
  const video =
    task.status === 'success' ? task.videos.find((candidate) => candidate.index === index) : undefined;
  if (!video) {
    throw notFound(
      task.status === 'success'
        ? `Task ${id} has no video ${file}.`
        : `Task ${id} is ${task.status}; it has no video to download.`,
    );
  }
  return { task, video };
}
