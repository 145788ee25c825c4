import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The fields and the one file of a multipart/form-data request, parsed by busboy (as a real upload
 * API would): an emulator that reads our uploads this way proves they are well formed.
 */
export function readMultipart(request: IncomingMessage): Promise<{
  fields: Record<string, string>;
  file?: { field: string; name: string; type: string; bytes: Buffer };
}> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { field: string; name: string; type: string; bytes: Buffer } | undefined;
    const parser = busboy({ headers: request.headers });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        file = { field, name: info.filename, type: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('error', reject);
    parser.on('close', () => resolve({ fields, ...(file ? { file } : {}) }));
    request.pipe(parser);
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts an HTTP server on loopback (an ephemeral port unless one is given). */
export async function startHttpServer(
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void> | void,
  port = 0,
): Promise<RunningServer> {
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) });
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedWebhook {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  query: URLSearchParams;
}

/** A loopback server that records every request it receives and answers 200, as a webhook endpoint. */
export async function startWebhookReceiver(): Promise<RunningServer & { received: ReceivedWebhook[] }> {
  const received: ReceivedWebhook[] = [];
  const server = await startHttpServer(async (request, response) => {
    const query = new URL(request.url ?? '/', 'http://receiver').searchParams;
    received.push({
      headers: request.headers as Record<string, string | undefined>,
      rawBody: await readBody(request),
      query,
    });
    response.writeHead(200).end();
  });
  return { ...server, received };
}
