import { contract, type TaskStatus } from '@ads/contract';
import type { NextFunction, Request, Response } from 'express';
import type { Authenticator } from '../auth/authenticator.js';
import type { Engine } from '../engine/engine.js';
import type { TaskEvents } from '../engine/task-events.js';
import type { GatewayMetrics } from '../metrics.js';
import type { TaskRecord } from '../store/task-record.js';
import { parseRequestPart } from './parse-request-part.js';
import type { TaskViews } from './views/task-views.js';

const route = contract.videos.taskEvents;

const statusRank: Record<TaskStatus, number> = { pending: 0, running: 1, success: 2, failed: 2, canceled: 2 };
const isTerminal = (status: TaskStatus) => statusRank[status] === 2;

/**
 * An event's id: the task's place in its one-way walk (status, then progress), so a larger id is a
 * later state. A client that reconnects with `Last-Event-ID` is sent only states past it.
 */
export const eventId = (task: Pick<TaskRecord, 'status' | 'progress'>) =>
  statusRank[task.status] * 1000 + Math.max(0, Math.min(100, Math.round(task.progress ?? 0)));

function lastEventId(request: Request): number {
  const header = request.headers['last-event-id'];
  const value = Number(Array.isArray(header) ? header[0] : header);
  return Number.isInteger(value) && value >= 0 ? value : -1;
}

export interface TaskEventStreamOptions {
  engine: Engine;
  authenticator: Authenticator;
  events: TaskEvents;
  views: TaskViews;
  metrics: GatewayMetrics;
  /** A comment line this often keeps proxies from closing a quiet stream (default 15 s). */
  heartbeatMs?: number;
}

/** What the gateway keeps per open stream: the task, the response, the last id sent. */
interface OpenStream {
  taskId: string;
  view: (task: TaskRecord) => unknown;
  response: Response;
  sent: number;
  /** A re-read is under way; `again` asks for one more after it. */
  reading: boolean;
  again: boolean;
}

/**
 * `GET /v1/tasks/:id/events`: the task as it stands, then an event on every change of status or
 * progress, then the end after the terminal event. A change is a cue to re-read the task (the feed
 * says which task, never what it now holds), so a stream never shows a state the store does not.
 * One heartbeat timer serves every open stream.
 */
export function taskEventStreams(options: TaskEventStreamOptions) {
  const open = new Set<OpenStream>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let heartbeat: NodeJS.Timeout | undefined;

  const write = (stream: OpenStream, task: TaskRecord): void => {
    const id = eventId(task);
    if (id > stream.sent) {
      stream.sent = id;
      stream.response.write(`id: ${id}\nevent: task\ndata: ${JSON.stringify(stream.view(task))}\n\n`);
    }
    if (isTerminal(task.status)) stream.response.end();
  };

  const refresh = async (stream: OpenStream): Promise<void> => {
    if (stream.reading) {
      stream.again = true;
      return;
    }
    stream.reading = true;
    try {
      do {
        stream.again = false;
        const task = await options.engine.findForLink(stream.taskId);
        if (!task || stream.response.writableEnded) return;
        write(stream, task);
      } while (stream.again && !stream.response.writableEnded);
    } catch {
      // The store is briefly unreachable: the next change or heartbeat reads again.
    } finally {
      stream.reading = false;
    }
  };

  const beat = () => {
    for (const stream of open) {
      stream.response.write(': heartbeat\n\n');
      // A cue lost while the feed reconnected is caught up here.
      void refresh(stream);
    }
  };

  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const params = parseRequestPart(route.pathParams, request.params);
      const query = parseRequestPart(route.query, request.query);
      const caller = await options.authenticator.authenticate(
        request.headers as Record<string, string | undefined>,
      );
      const task = await options.engine.get(caller, params.id, query.workspace_id);
      const { views } = options;
      const sent = lastEventId(request);
      // A client reconnecting after the terminal event is told there is nothing more: an
      // EventSource stops reconnecting on a 204.
      if (isTerminal(task.status) && sent >= eventId(task)) return void response.status(204).end();
      const stream: OpenStream = {
        taskId: task.id,
        view: query.view === 'action' ? (shown) => views.action(shown) : (shown) => views.rest(shown),
        response,
        sent,
        reading: false,
        again: false,
      };
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write('retry: 2000\n\n');
      // Watch first, then read: a change between the two is still seen.
      const stop = options.events.watch(task.id, (status) => {
        if (status === undefined && options.events.isClosed) return void response.end();
        void refresh(stream);
      });
      open.add(stream);
      options.metrics.eventStreams.inc();
      heartbeat ??= setInterval(beat, heartbeatMs);
      response.on('close', () => {
        stop();
        open.delete(stream);
        options.metrics.eventStreams.dec();
        if (open.size === 0 && heartbeat) {
          clearInterval(heartbeat);
          heartbeat = undefined;
        }
      });
      await refresh(stream);
    } catch (error) {
      if (response.headersSent) return void response.destroy(error as Error);
      next(error);
    }
  };
}
