import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { errorEnvelope } from '@ads/contract';
import type { GatewayMetrics } from '../metrics.js';

const refusedSockets = new WeakSet<Socket>();

/** Whether the request arrived on a connection that was already answered 503 (its handler must not run). */
export const onRefusedConnection = (socket: Socket) => refusedSockets.has(socket);

function unavailableAnswer(): string {
  const body = JSON.stringify(
    errorEnvelope(
      'unavailable',
      'This gateway has too many open connections right now; retry shortly (reuse connections with keep-alive).',
    ),
  );
  return [
    'HTTP/1.1 503 Service Unavailable',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Retry-After: 1',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Caps open client connections below the process's file-descriptor limit: past the cap a new
 * connection is answered 503 with the error envelope and closed, and whatever it sends is never
 * handled, so the process keeps descriptors for its store, upstream calls and files. A connection
 * that sends no request at all within `silentMs` is closed too (Node's own header timeout starts
 * only with a request's first byte).
 */
export function guardConnections(
  server: Server,
  limits: { maxConnections: number; silentMs: number },
  metrics: GatewayMetrics,
) {
  let open = 0;
  const answer = unavailableAnswer();
  /** Connections that have not sent a request yet, with when they opened. */
  const silent = new Map<Socket, number>();
  const onRequest = (request: { socket: Socket }) => {
    silent.delete(request.socket);
  };
  const sweep = setInterval(() => {
    const cutoff = Date.now() - limits.silentMs;
    for (const [socket, openedAt] of silent) {
      if (openedAt > cutoff) continue;
      silent.delete(socket);
      socket.destroy();
    }
  }, 1000);
  sweep.unref();
  const onConnection = (socket: Socket) => {
    open += 1;
    silent.set(socket, Date.now());
    socket.once('close', () => {
      open -= 1;
      silent.delete(socket);
    });
    if (open <= limits.maxConnections) return;
    refusedSockets.add(socket);
    metrics.connectionsRefused.inc();
    socket.on('error', () => socket.destroy());
    socket.end(answer);
    socket.setTimeout(1000, () => socket.destroy());
  };
  server.prependListener('connection', onConnection);
  server.prependListener('request', onRequest);
  return {
    get open() {
      return open;
    },
    close() {
      clearInterval(sweep);
      server.off('connection', onConnection);
      server.off('request', onRequest);
    },
  };
}
