import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress, OutboundFetchError, OutboundFetcher } from '../src/index.js';

let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    hits += 1;
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
    } else if (url.pathname === '/big') {
      response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      response.write(Buffer.alloc(64 * 1024));
    } else if (url.pathname === '/chunked') {
      response.writeHead(200);
      const timer = setInterval(() => response.write(Buffer.alloc(64 * 1024)), 1);
      response.on('close', () => clearInterval(timer));
    } else if (url.pathname === '/slow') {
      response.writeHead(200);
      response.write('a');
    } else {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!OutboundFetchError.isInstance(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.refusal;
}

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    '224.0.0.1',
    '255.255.255.255',
  ])('%s is not public', (address) => expect(isPublicAddress(address)).toBe(false));
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111'])('%s is public', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe('OutboundFetcher', () => {
  const guarded = new OutboundFetcher();
  const open = new OutboundFetcher({ allowPrivate: true });
  // Treats 127.0.0.1 as the "public" internet, so a redirect to another loopback address can be refused.
  const onePublic = new OutboundFetcher({ isAllowedAddress: (address) => address === '127.0.0.1' });
  afterAll(async () => {
    await Promise.all([guarded.close(), open.close(), onePublic.close()]);
  });

  it.each([
    (p: number) => `http://127.0.0.1:${p}/`,
    (p: number) => `http://localhost:${p}/`,
    (p: number) => `http://2130706433:${p}/`,
    (p: number) => `http://0177.0.0.1:${p}/`,
    (p: number) => `http://0x7f.1:${p}/`,
    (p: number) => `http://[::ffff:127.0.0.1]:${p}/`,
    (p: number) => `http://[::1]:${p}/`,
    () => 'http://169.254.169.254/latest/meta-data/',
  ])('refuses %s without connecting', async (spell) => {
    const before = hits;
    expect(await refusal(guarded.fetchBytes(spell(port), { maxBytes: 100 }))).toBe('private_address');
    expect(hits).toBe(before);
  });

  it('refuses other schemes and long URLs', async () => {
    expect(await refusal(guarded.fetchBytes('file:///etc/passwd', { maxBytes: 100 }))).toBe('scheme');
    expect(await refusal(guarded.fetchBytes('ftp://example.com/x', { maxBytes: 100 }))).toBe('scheme');
    expect(
      await refusal(guarded.fetchBytes(`https://example.com/${'a'.repeat(3000)}`, { maxBytes: 1 })),
    ).toBe('url_too_long');
  });

  it('checks every redirect, and stops after the limit', async () => {
    const base = `http://127.0.0.1:${port}`;
    const toLoopback = `${base}/redirect?to=${encodeURIComponent(`http://127.0.0.2:${port}/`)}`;
    expect(await refusal(onePublic.fetchBytes(toLoopback, { maxBytes: 100 }))).toBe('private_address');
    const toMapped = `${base}/redirect?to=${encodeURIComponent(`http://[::ffff:127.0.0.1]:${port}/`)}`;
    expect(await refusal(onePublic.fetchBytes(toMapped, { maxBytes: 100 }))).toBe('private_address');
    let chain = `${base}/`;
    for (let index = 0; index < 4; index += 1) chain = `${base}/redirect?to=${encodeURIComponent(chain)}`;
    expect(await refusal(onePublic.fetchBytes(chain, { maxBytes: 100 }))).toBe('too_many_redirects');
    const fetched = await onePublic.fetchBytes(`${base}/redirect?to=/`, { maxBytes: 100 });
    expect(Buffer.from(fetched.bytes).toString()).toBe('hello');
  });

  it('stops reading at the byte limit, declared or counted', async () => {
    expect(await refusal(open.fetchBytes(`http://127.0.0.1:${port}/big`, { maxBytes: 1024 * 1024 }))).toBe(
      'too_large',
    );
    expect(
      await refusal(open.fetchBytes(`http://127.0.0.1:${port}/chunked`, { maxBytes: 1024 * 1024 })),
    ).toBe('too_large');
  });

  it('gives up at the deadline on a body that trickles', async () => {
    expect(
      await refusal(open.fetchBytes(`http://127.0.0.1:${port}/slow`, { maxBytes: 100, timeoutMs: 300 })),
    ).toBe('timeout');
  });
});
