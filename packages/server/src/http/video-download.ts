import { contract } from '@ads/contract';
import type { VideoStorage } from '@ads/storage';
import { create as contentDisposition } from 'content-disposition';
import type { NextFunction, Request, Response } from 'express';
import rangeParser from 'range-parser';
import type { Authenticator } from '../auth/authenticator.js';
import type { Engine } from '../engine/engine.js';
import { GatewayError, notFound } from '../engine/gateway-error.js';
import type { VideoLinks } from '../engine/video-links.js';
import type { StoredVideo, TaskRecord } from '../store/task-record.js';
import { parseRequestPart } from './parse-request-part.js';

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

/**
 * `GET|HEAD /v1/tasks/:id/videos/:file`: a stored video, streamed from storage with ranges, ETag
 * and a readable file name. A signed link (the task's `videos[].url`) is its own access; without
 * one the API key must reach the task. Served by express directly (not through ts-rest): the answer
 * is a stream with its own headers.
 */
export function videoDownload(options: VideoDownloadOptions) {
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const { task, video } = await findVideo(options, request);
      const disposition = contentDisposition(videoFileName(task, video.index), { type: 'inline' });
      if (!video.stored || !video.key) return void response.redirect(302, video.sourceUrl);
      if (options.redirect && options.storage.link) {
        const link = await options.storage.link(video.key, {
          expiresInSeconds: Math.min(options.linkTtlSeconds, 3600),
          contentType: video.contentType,
          contentDisposition: disposition,
        });
        return void response.redirect(302, link);
      }
      await stream(options.storage, request, response, video, disposition);
    } catch (error) {
      if (response.headersSent) return void response.destroy(error as Error);
      next(error);
    }
  };
}

async function findVideo(
  options: VideoDownloadOptions,
  request: Request,
): Promise<{ task: TaskRecord; video: StoredVideo }> {
  const { id, file } = parseRequestPart(route.pathParams, request.params);
  const index = Number.parseInt(file, 10);
  const { expires, signature } = request.query as Record<string, unknown>;
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

async function stream(
  storage: VideoStorage,
  request: Request,
  response: Response,
  video: StoredVideo,
  disposition: string,
): Promise<void> {
  const size = video.bytes ?? 0;
  const etag = `"${video.sha256 ?? `${size}`}"`;
  response.setHeader('ETag', etag);
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('Content-Type', video.contentType);
  response.setHeader('Content-Disposition', disposition);
  // The file under a task's path never changes: private caches may keep it.
  response.setHeader('Cache-Control', 'private, max-age=3600');
  if (matches(request.headers['if-none-match'], etag)) return void response.status(304).end();

  let range: { start: number; end: number } | undefined;
  const header = request.headers.range;
  const ifRange = request.headers['if-range'];
  if (header && (ifRange === undefined || ifRange === etag)) {
    const parsed = rangeParser(size, header, { combine: true });
    if (parsed === -1) {
      response.setHeader('Content-Range', `bytes */${size}`);
      throw new GatewayError({
        code: 'range_not_satisfiable',
        message: `The range ${header} is outside the file (${size} bytes).`,
      });
    }
    // Several ranges are answered with the whole file; a malformed header is ignored (RFC 9110).
    if (parsed !== -2 && parsed.length === 1 && parsed.type === 'bytes') range = parsed[0];
  }
  // Opened before the status is sent, so storage that cannot be reached is still a clean 503.
  const body =
    request.method === 'HEAD'
      ? undefined
      : await storage.read(video.key as string, range).catch((error: unknown) => {
          throw new GatewayError({
            code: 'unavailable',
            message: 'The video’s storage cannot be reached right now; try again shortly.',
            retryAfterSeconds: 5,
            cause: error,
          });
        });
  response.status(range ? 206 : 200);
  if (range) response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  response.setHeader('Content-Length', range ? range.end - range.start + 1 : size);
  if (!body) return void response.end();
  body.once('error', (error) => response.destroy(error));
  response.once('close', () => body.destroy());
  body.pipe(response);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return (
    header === '*' || header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
  );
}
