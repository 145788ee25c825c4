import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contract } from '@ads/contract';
import { testAdminToken } from '@ads/testing';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { endScenario, sqliteStore, startGateway, summary, waitAllEnded } from './support/scenario.js';

afterAll(endScenario);

const postgresUrl = inject('postgresUrl');

/** A fresh database on the run's PostgreSQL, so this scenario's store starts empty. */
async function freshPostgres(adminUrl: string): Promise<string> {
  const name = `ads_hostile_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Text with NUL characters and lone surrogates among ordinary ones. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom('\u0000', '\ud800', '\udfff', '\udbff\u0000', 'a\u0000b'),
      fc.string({ maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''))
  .filter((text) => text.includes('\u0000') || /[\ud800-\udfff]/.test(text));

/** Percent-encodes text, a lone surrogate as the invalid UTF-8 bytes a raw client could send. */
const percentEncode = (text: string) =>
  text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (unit) =>
    unit.length === 1 && /[\ud800-\udfff]/.test(unit) ? '%ED%A0%80' : encodeURIComponent(unit),
  );

type Route = { method: string; path: string; body?: unknown; query?: unknown };
const routes: Route[] = Object.values(contract).flatMap((group) =>
  Object.values(group as Record<string, Route>),
);
const shapeKeys = (schema: unknown): string[] => {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
};

it('hostile input: URLs aimed inside, NUL and surrogates in every field on PostgreSQL, malformed webhooks: nothing reached, no 5xx', {
  timeout: 600_000,
}, async () => {
  // The target an attacker aims the gateway at: it must never see a request.
  let hits = 0;
  const target: Server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const port = (target.address() as AddressInfo).port;
  const counts = {
    hostile_urls: 0,
    url_tasks: 0,
    target_hits: 0,
    text_requests: 0,
    webhook_posts: 0,
    server_errors: 0,
  };
  try {
    // 1. URL-bearing fields with URLs that point inside, in every spelling, on SQLite.
    const sqlite = await startGateway({ ...(await sqliteStore()), ADS_SANDBOX_RUN_SECONDS: '0' });
    const gatewayPort = new URL(sqlite.url).port;
    const hostiles = fc.tuple(
      fc.constantFrom(
        `127.0.0.1:${port}`,
        `127.1:${port}`,
        `2130706433:${port}`,
        `0x7f000001:${port}`,
        `0177.0.0.1:${port}`,
        `[::ffff:127.0.0.1]:${port}`,
        `[::ffff:7f00:1]:${port}`,
        `[::1]:${port}`,
        `localhost:${port}`,
        `0.0.0.0:${port}`,
        `127.0.0.1:${gatewayPort}`,
        '169.254.169.254',
        '10.0.0.1',
        '192.168.0.1',
        '[fd00::1]',
      ),
      fc.constantFrom('http', 'https'),
      fc.webPath(),
    );
    const ids: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostiles, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (urls, rest) => {
          const imageUrls = urls.map(([host, scheme, path]) => `${scheme}://${host}${path}`);
          counts.hostile_urls += imageUrls.length;
          const response = rest
            ? await fetch(`${sqlite.url}/v1/videos/generations`, {
                method: 'POST',
                headers: { authorization: `Bearer ${sqlite.firstKey}`, 'content-type': 'application/json' },
                body: JSON.stringify({
                  provider: 'sandbox',
                  model: 'sandbox-video',
                  scene: 'image-to-video',
                  image_input: imageUrls,
                  options: { duration: 1 },
                }),
              })
            : await fetch(`${sqlite.url}/api/actions/ai.video.generate`, {
                method: 'POST',
                headers: { authorization: `Bearer ${sqlite.firstKey}`, 'content-type': 'application/json' },
                body: JSON.stringify({
                  model: 'sandbox/sandbox-video',
                  scene: 'image-to-video',
                  imageInput: imageUrls.join(','),
                  options: { duration: 1 },
                }),
              });
          const body = (await response.json()) as { id?: string; taskId?: string };
          if (response.status >= 500) counts.server_errors += 1;
          expect(response.status).toBeLessThan(500);
          const id = body.id ?? body.taskId;
          if (response.status === 200 && id) ids.push(id);
        },
      ),
      { numRuns: 200, seed: 20261201 },
    );
    counts.url_tasks = ids.length;
    await waitAllEnded(sqlite.url, sqlite.firstKey as string, ids, 300_000);
    counts.target_hits = hits;

    // 2. NUL and lone surrogates in every string field of every route, on PostgreSQL.
    if (postgresUrl) {
      const postgres = await startGateway({
        ...(await sqliteStore()),
        DATABASE_URL: await freshPostgres(postgresUrl),
      });
      const fieldRequest = fc.tuple(fc.nat({ max: routes.length - 1 }), hostileText, fc.nat());
      await fc.assert(
        fc.asyncProperty(fieldRequest, async ([routeIndex, text, pick]) => {
          const route = routes[routeIndex] as Route;
          const params = route.path.match(/:[a-zA-Z]+/g) ?? [];
          const bodyKeys = shapeKeys(route.body);
          const queryKeys = shapeKeys(route.query);
          const slots = [
            ...params.map((p) => `param:${p}`),
            ...bodyKeys.map((k) => `body:${k}`),
            ...queryKeys.map((k) => `query:${k}`),
          ];
          const slot = slots.length > 0 ? slots[pick % slots.length] : undefined;
          let path = route.path;
          for (const param of params)
            path = path.replace(param, slot === `param:${param}` ? percentEncode(text) : 'x');
          const query = slot?.startsWith('query:')
            ? `?${new URLSearchParams({ [slot.slice(6)]: text })}`
            : '';
          const body = slot?.startsWith('body:') ? JSON.stringify({ [slot.slice(5)]: text }) : undefined;
          const admin = path.startsWith('/v1/admin');
          const response = await fetch(`${postgres.url}${path}${query}`, {
            method: route.method,
            headers: {
              authorization: `Bearer ${admin ? testAdminToken : postgres.firstKey}`,
              'content-type': 'application/json',
            },
            ...(body !== undefined && route.method !== 'GET' ? { body } : {}),
          });
          const answer = await response.text();
          counts.text_requests += 1;
          if (response.status >= 500) counts.server_errors += 1;
          expect(
            response.status,
            `${route.method} ${path}${query} ${body ?? ''}: ${answer.slice(0, 200)}`,
          ).toBeLessThan(500);
        }),
        { numRuns: 2000, seed: 20261202 },
      );
    }

    // 3. Every webhook route with malformed bodies and lying headers.
    const webhookRequest = fc.record({
      provider: fc.constantFrom('kie', 'fal', 'sandbox', 'nobody'),
      body: fc.oneof(
        fc.constantFrom('null', '42', '[]', '"x"', '{', '', '{"data":null}', '{"data":{"taskId":null}}'),
        hostileText.map((taskId) => JSON.stringify({ data: { taskId }, request_id: taskId })),
        fc.json({ maxDepth: 4 }),
        fc.string({ maxLength: 200 }),
      ),
      encoding: fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'bogus'),
      query: fc.option(hostileText.map((task) => `?task=${percentEncode(task)}`)),
      signed: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(webhookRequest, async (input) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (input.encoding) headers['content-encoding'] = input.encoding;
        if (input.signed) {
          headers['x-webhook-timestamp'] = String(Math.floor(Date.now() / 1000));
          headers['x-webhook-signature'] = 'AAAA';
          headers['x-fal-webhook-request-id'] = 'r';
          headers['x-fal-webhook-user-id'] = 'u';
          headers['x-fal-webhook-timestamp'] = String(Math.floor(Date.now() / 1000));
          headers['x-fal-webhook-signature'] = 'ab';
        }
        const response = await fetch(`${sqlite.url}/webhooks/${input.provider}${input.query ?? ''}`, {
          method: 'POST',
          headers,
          body: input.body,
        });
        const answer = await response.text();
        counts.webhook_posts += 1;
        if (response.status >= 500) counts.server_errors += 1;
        expect(
          response.status,
          `${input.provider} ${input.body.slice(0, 80)}: ${answer.slice(0, 200)}`,
        ).toBeLessThan(500);
      }),
      { numRuns: 1000, seed: 20261203 },
    );
  } finally {
    target.closeAllConnections();
    target.close();
  }
  summary('hostile input', counts);
  expect(counts.target_hits).toBe(0);
  expect(counts.server_errors).toBe(0);
});
