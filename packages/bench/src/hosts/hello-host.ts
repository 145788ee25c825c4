// The baseline: the least a Node HTTP server can do per request, a bare node:http hello-world.
// POST /hold reads the body and holds the request until the client goes (the floor of a held wait);
// GET /held answers how many are held and the process's resident memory.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostReady } from './host-protocol.js';

const body = JSON.stringify({ hello: 'world' });
let held = 0;

const server = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/hold') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timeoutMs?: number };
      held += 1;
      const timer = setTimeout(() => response.end(body), parsed.timeoutMs ?? 3_600_000);
      response.on('close', () => {
        clearTimeout(timer);
        held -= 1;
      });
    });
    return;
  }
  const answer = request.url === '/held' ? JSON.stringify({ held, rss: process.memoryUsage.rss() }) : body;
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(answer),
  });
  response.end(answer);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const ready: HostReady = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
});
