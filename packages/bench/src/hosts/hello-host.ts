// The baseline: the least a Node HTTP server can do per request, a bare node:http hello-world.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostReady } from './host-protocol.js';

const body = JSON.stringify({ hello: 'world' });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const ready: HostReady = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
});
