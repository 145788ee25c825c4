import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VideoStorage } from '@ads/storage';
import rangeParser from 'range-parser';
import { GatewayError } from '../engine/gateway-error.js';

export interface StoredFileFacts {
  key: string;
  bytes: number;
  /** Quoted, as the header carries it. */
  etag: string;
  contentType: string;
  disposition: string;
}

/** A 302 to `location`, with the short text body express's `res.redirect` sends. */
export function redirectTo(response: ServerResponse, location: string): void {
  const text = `Found. Redirecting to ${location}`;
  response.writeHead(302, {
    Location: location,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * Streams a file from storage with `Range` (206, 416), `ETag`/`If-None-Match` and `If-Range`. The
 * file under one key never changes, so private caches may keep it.
 */
export async function sendStoredFile(
  storage: VideoStorage,
  request: IncomingMessage,
  response: ServerResponse,
  file: StoredFileFacts,
): Promise<void> {
  const { bytes: size, etag } = file;
  response.setHeader('ETag', etag);
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', file.disposition);
  response.setHeader('Cache-Control', 'private, max-age=3600');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (matches(request.headers['if-none-match'], etag)) {
    response.statusCode = 304;
    return void response.end();
  }

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
      : await storage.read(file.key, range).catch((error: unknown) => {
          throw new GatewayError({
            code: 'unavailable',
            message: 'The file’s storage cannot be reached right now; try again shortly.',
            retryAfterSeconds: 5,
            cause: error,
          });
        });
  response.statusCode = range ? 206 : 200;
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
