import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface FlakyProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP hop in front of the gateway. `fault(request, index)` may answer instead of the
 * gateway: `before` answers without forwarding; `after` forwards, lets the gateway act, then
 * throws its answer away and answers with the fault (a response lost on the way back).
 */
export async function startFlakyProxy(
  target: string,
  fault: (
    request: ProxiedRequest,
    index: number,
  ) => { when: 'before' | 'after'; status: number; headers?: Record<string, string> } | undefined,
): Promise<FlakyProxy> {
  const requests: ProxiedRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const seen = { method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers };
    requests.push(seen);
    const planned = fault(seen, requests.length - 1);
    const answerWithFault = () => {
      response.writeHead(planned?.status ?? 500, { 'content-type': 'application/json', ...planned?.headers });
      response.end(
        JSON.stringify({ error: { code: 'unavailable', message: 'The proxy dropped this answer.' } }),
      );
    };
    if (planned?.when === 'before') return answerWithFault();
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'content-length'),
    ) as Record<string, string>;
    const upstream = await fetch(`${target}${seen.path}`, {
      method: seen.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (planned?.when === 'after') return answerWithFault();
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
