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
 * handled, so the process keeps descriptors for its store, upstream calls and files.
 */
export function guardConnections(server: Server, maxConnections: number, metrics: GatewayMetrics) {
  let open = 0;
  const answer = unavailableAnswer();
  const onConnection = (socket: Socket) => {
    open += 1;
    socket.once('close', () => {
      open -= 1;
    });
    if (open <= maxConnections) return;
    refusedSockets.add(socket);
    metrics.connectionsRefused.inc();
    socket.on('error', () => socket.destroy());
    socket.end(answer);
    socket.setTimeout(1000, () => socket.destroy());
  };
  server.prependListener('connection', onConnection);
  return {
    get open() {
      return open;
    },
    close() {
      server.off('connection', onConnection);
    },
  };
}
