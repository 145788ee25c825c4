import { contract } from '@ads/contract';
import type { VideoStorage } from '@ads/storage';
import express, { type NextFunction, type Request, type Response } from 'express';
import { notFound } from '../engine/gateway-error.js';
import { openAiFieldNames, openAiGenerationRequest } from '../openai/openai-generation-request.js';
import type { TaskRecord } from '../store/task-record.js';
import { type FileRouteOptions, readUploadForm } from './file-routes.js';
import { isMultipart } from './multipart-form.js';
import { parseRequestPart } from './parse-request-part.js';
import { sendStoredFile } from './stored-file-response.js';
import { storedVideoFile } from './video-download.js';

const createRoute = contract.openai.createVideo;
const contentRoute = contract.openai.downloadVideoContent;

export interface OpenAiRouteOptions extends FileRouteOptions {
  bodyLimit: string;
  storage: VideoStorage;
  /** The task as the OpenAI surface shows it. */
  view: (task: TaskRecord) => unknown;
}

const headersOf = (request: Request) => request.headers as Record<string, string | undefined>;

/**
 * `POST /v1/videos` as the `openai` package sends it: multipart/form-data (a file `input_reference`
 * is stored as an upload first), or JSON. The same engine create as every surface.
 */
export function openAiCreate(options: OpenAiRouteOptions) {
  const json = express.json({ limit: options.bodyLimit, type: () => true });
  const readJson = (request: Request, response: Response) =>
    new Promise<void>((resolve, reject) =>
      json(request, response, (error?: unknown) => (error ? reject(error) : resolve())),
    );
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const caller = await options.authenticator.authenticate(headersOf(request), request.method);
      let fields: unknown;
      if (isMultipart(request)) {
        const form = await readUploadForm(options, request, response, caller, ['input_reference']);
        const reference = form.files.get('input_reference');
        fields = reference ? { ...form.fields, input_reference: { file_id: reference.id } } : form.fields;
      } else {
        await readJson(request, response);
        fields = request.body;
      }
      const body = parseRequestPart(createRoute.body, fields);
      const task = await options.engine.create(
        caller,
        openAiGenerationRequest(options.engine.context.registry, body),
        {
          fieldNames: openAiFieldNames,
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        },
      );
      response.status(200).json(options.view(task));
    } catch (error) {
      next(error);
    }
  };
}

/** `GET /v1/videos/:id/content`: the task's first stored video; other variants are 404s. */
export function openAiContent(options: OpenAiRouteOptions) {
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const caller = await options.authenticator.authenticate(headersOf(request), request.method);
      const { id } = parseRequestPart(contentRoute.pathParams, request.params);
      const { variant } = parseRequestPart(contentRoute.query, request.query);
      if (variant !== undefined && variant !== 'video') {
        throw notFound(`This gateway serves no ${variant} of a video; ask for variant=video (the MP4).`);
      }
      const task = await options.engine.get(caller, id);
      const video = task.status === 'success' && task.videosDeletedAt === null ? task.videos[0] : undefined;
      if (!video?.stored || !video.key) {
        throw notFound(
          task.status !== 'success'
            ? `Video ${id} is ${task.status}; it has no content yet.`
            : `Video ${id} has no stored file (deleted, or it could not be stored).`,
        );
      }
      await sendStoredFile(options.storage, request, response, storedVideoFile(task, video, video.key));
    } catch (error) {
      if (response.headersSent) return void response.destroy(error as Error);
      next(error);
    }
  };
}
