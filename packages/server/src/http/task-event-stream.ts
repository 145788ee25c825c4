import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract, type TaskStatus } from '@ads/contract';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import type { Engine } from '../engine/engine.js';
import type { TaskEvents } from '../engine/task-events.js';
import type { GatewayMetrics } from '../metrics.js';
import type { TaskRecord } from '../store/task-record.js';
import type { ProxyTrust } from './client-address.js';
import { parseRequestPart } from './parse-request-part.js';
import { beginRequest } from './request-context.js';
import { securityHeaderValues } from './security-headers.js';
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

function lastEventId(request: IncomingMessage): number {
  const header = request.headers['last-event-id'];
  const text = (Array.isArray(header) ? header[0] : header)?.trim();
  const value = text ? Number(text) : Number.NaN;
  return Number.isInteger(value) && value >= 0 ? value : -1;
}

export interface TaskEventStreamOptions {
  engine: Engine;
  authenticator: Authenticator;
  events: TaskEvents;
  views: TaskViews;
  metrics: GatewayMetrics;
  logger: Logger;
  trustProxy: ProxyTrust;
  /** A comment line this often keeps proxies from closing a quiet stream (default 15 s). */
  heartbeatMs?: number;
}

/** What the gateway keeps per open stream: the task, how it is shown, the response, the last id sent. */
interface OpenStream {
  taskId: string;
  view: (task: TaskRecord) => unknown;
  response: ServerResponse;
  sent: number;
  /** A re-read is under way; `again` asks for one more after it. */
  reading: boolean;
  again: boolean;
}

const eventsPath = /^\/v1\/tasks\/([^/?]+)\/events(?:\?|$)/;

/**
 * `GET /v1/tasks/:id/events`: the task as it stands, then an event on every change of status or
 * progress, then the end after the terminal event. A change is a cue to re-read the task (the feed
 * says which task, never what it now holds), so a stream never shows a state the store does not.
 * One heartbeat timer serves every open stream.
 *
 * Streams are held for minutes, thousands at once, so they skip express: `lean` serves a plain
 * request on the bare Node objects (a few kilobytes each), and hands anything else (a browser's
 * cross-origin request, an error to answer in the envelope) to the express app, whose route runs
 * the same `open`.
 */
export class TaskEventStreams {
  private readonly open = new Set<OpenStream>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: TaskEventStreamOptions) {}

  /** Serves a plain stream request here; anything else (or any failure before the answer) goes to `fallback`. */
  lean(request: IncomingMessage, response: ServerResponse, fallback: () => void): boolean {
    const url = request.url ?? '';
    const match = request.method === 'GET' && !request.headers.origin ? eventsPath.exec(url) : null;
    let id: string;
    try {
      id = decodeURIComponent(match?.[1] ?? '');
    } catch {
      // Not a valid percent-encoding (a lone surrogate, a stray %): express answers it in the envelope.
      return false;
    }
    if (!match) return false;
    const query = Object.fromEntries(new URLSearchParams(url.slice(url.indexOf('?') + 1 || url.length)));
    this.start(request, response, { id }, query, url).catch(() => {
      if (!response.headersSent) fallback();
      else response.destroy();
    });
    return true;
  }

  /** The express route: the same stream, or the error for express's handler to answer. */
  express() {
    return (
      request: IncomingMessage & { params: unknown; query: unknown },
      response: ServerResponse,
      next: (error?: unknown) => void,
    ) => {
      this.start(request, response, request.params, request.query).catch((error: unknown) => {
        if (response.headersSent) return void response.destroy(error as Error);
        next(error);
      });
    };
  }

  private async start(
    request: IncomingMessage,
    response: ServerResponse,
    rawParams: unknown,
    rawQuery: unknown,
    leanUrl?: string,
  ): Promise<void> {
    const { engine, authenticator, events, views, metrics } = this.options;
    const params = parseRequestPart(route.pathParams, rawParams);
    const query = parseRequestPart(route.query, rawQuery);
    const caller = await authenticator.authenticate(
      request.headers as Record<string, string | undefined>,
      request.method ?? 'GET',
    );
    const task = await engine.get(caller, params.id, query.workspace_id);
    if (leanUrl !== undefined) {
      beginRequest(request, response, {
        logger: this.options.logger,
        metrics,
        trust: this.options.trustProxy,
        route: route.path,
        path: leanUrl.split('?')[0] ?? leanUrl,
        lean: true,
      });
    }
    const sent = lastEventId(request);
    // A client reconnecting after the terminal event is told there is nothing more: an
    // EventSource stops reconnecting on a 204.
    if (isTerminal(task.status) && sent >= eventId(task)) {
      response.writeHead(204, securityHeaderValues).end();
      return;
    }
    const stream: OpenStream = {
      taskId: task.id,
      view: query.view === 'action' ? (shown) => views.action(shown) : (shown) => views.rest(shown),
      response,
      sent,
      reading: false,
      again: false,
    };
    response.writeHead(200, {
      ...securityHeaderValues,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 2000\n\n');
    // Watch first, then read: a change between the two is still seen.
    const stop = events.watch(
      task.id,
      (status) => {
        if (status === undefined && events.isClosed) return void response.end();
        void this.refresh(stream);
      },
      { changes: true },
    );
    this.open.add(stream);
    metrics.eventStreams.inc();
    this.heartbeat ??= setInterval(() => this.beat(), this.options.heartbeatMs ?? 15_000);
    response.once('close', () => {
      stop();
      this.open.delete(stream);
      metrics.eventStreams.dec();
      if (this.open.size === 0 && this.heartbeat) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
      }
    });
    await this.refresh(stream);
  }

  private write(stream: OpenStream, task: TaskRecord): void {
    const id = eventId(task);
    if (id > stream.sent) {
      stream.sent = id;
      stream.response.write(`id: ${id}\nevent: task\ndata: ${JSON.stringify(stream.view(task))}\n\n`);
    }
    if (isTerminal(task.status)) stream.response.end();
  }

  private async refresh(stream: OpenStream): Promise<void> {
    if (stream.reading) {
      stream.again = true;
      return;
    }
    stream.reading = true;
    try {
      do {
        stream.again = false;
        const task = await this.options.engine.findForLink(stream.taskId);
        if (!task || stream.response.writableEnded) return;
        this.write(stream, task);
      } while (stream.again && !stream.response.writableEnded);
    } catch {
      // The store is briefly unreachable: the next change or heartbeat reads again.
    } finally {
      stream.reading = false;
    }
  }

  private beat(): void {
    for (const stream of this.open) {
      stream.response.write(': heartbeat\n\n');
      // A cue lost while the feed reconnected is caught up here.
      void this.refresh(stream);
    }
  }
}
