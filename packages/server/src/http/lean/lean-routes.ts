import { contract } from '@ads/contract';
import type { TaskHandlers } from '../routes/task-handlers.js';
import type { TaskEventStreams } from '../task-event-stream.js';
import type { Downloads } from '../video-download.js';
import type { LeanRoute } from './lean-router.js';

/**
 * The one table of which routes the lean path serves (lean-router.ts); every other route, and any
 * request here the lean path does not take, is express's. The handlers are the ts-rest routes' own.
 */
export function leanRoutes(
  handlers: TaskHandlers,
  downloads: Downloads,
  eventStreams: TaskEventStreams,
): LeanRoute[] {
  return [
    { route: contract.videos.createGeneration, handle: handlers.createGeneration },
    { route: contract.videos.getTask, handle: handlers.getTask },
    { route: contract.actions.generate, handle: handlers.generate },
    { route: contract.actions.generateAndWait, handle: handlers.generateAndWait },
    { route: contract.actions.query, handle: handlers.query },
    { route: contract.videos.downloadVideo, download: downloads.video },
    { route: contract.files.downloadFile, download: downloads.file },
    {
      route: contract.videos.taskEvents,
      serve: (request, response, fallback) => {
        if (!eventStreams.lean(request, response, fallback)) fallback();
      },
    },
  ];
}
