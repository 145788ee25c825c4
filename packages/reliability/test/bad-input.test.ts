import { contract } from '@ads/contract';
import { testAdminToken } from '@ads/testing';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { endScenario, sqliteStore, startGateway, summary } from './support/scenario.js';

afterAll(endScenario);

type Route = { method: string; path: string };
const routes: Route[] = Object.values(contract).flatMap((group) =>
  Object.values(group as Record<string, Route>),
);

/** A path of a contract route with its parameters filled by arbitrary text (or left as written). */
const pathArbitrary = fc
  .tuple(fc.constantFrom(...routes), fc.string({ maxLength: 60 }), fc.boolean())
  .map(([route, value, encode]) =>
    route.path.replace(
      /:[a-zA-Z]+/g,
      encode ? encodeURIComponent(value) : value.replace(/[^\x21-\x7e]/g, 'x'),
    ),
  );

const jsonish = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc
    .record(
      {
        prompt: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        scene: fc.oneof(fc.constantFrom('text-to-video', 'image-to-video', 'bogus'), fc.string()),
        provider: fc.oneof(fc.constantFrom('sandbox', 'kie', 'fal'), fc.string()),
        model: fc.string(),
        options: fc.oneof(fc.object({ maxDepth: 2 }), fc.string()),
        timeoutMs: fc.oneof(fc.integer(), fc.double(), fc.string()),
        imageInput: fc.oneof(fc.array(fc.webUrl()), fc.string()),
        credits: fc.oneof(fc.integer(), fc.string()),
        name: fc.string(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
);

const requestArbitrary = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH'),
  path: pathArbitrary,
  query: fc.option(
    fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 3 }),
  ),
  body: fc.option(jsonish),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
  auth: fc.constantFrom('key', 'admin', 'none', 'garbage'),
  idempotencyKey: fc.option(fc.string({ maxLength: 300 }).map((value) => value.replace(/[^\x20-\x7e]/g, ''))),
});

// 10,000 requests one after another, each between two reads of the store: about a minute alone,
// two and a half with three busy loops beside it, more on a machine shared with other work.
it('bad input: 10,000 fuzzed requests across every route: no 5xx, every error in the envelope, rejected requests change nothing', {
  timeout: 600_000,
}, async () => {
  const store = await sqliteStore();
  const gateway = await startGateway({ ...store, ADS_STARTER_CREDITS: '100000000' });
  const apiKey = gateway.firstKey as string;
  const url = gateway.url;
  /**
   * What a rejected request must leave as it was: the tasks there are, the keys, the workspaces and
   * their balances. Two things move on their own and are left out: a key's `last_used_at` (the key
   * was used, even by a refused request), and a balance while an earlier accepted task is still in
   * flight (its settlement may land between the two reads), so balances are compared only when
   * no task was pending or running before the request.
   */
  const fingerprint = async () => {
    const read = async (path: string, token: string) => {
      const answer = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!answer.ok) throw new Error(`the store could not be read (${path} answered ${answer.status})`);
      return (await answer.json()) as { data: Record<string, unknown>[] };
    };
    const [workspaces, tasks, keys] = await Promise.all([
      read('/v1/admin/workspaces', testAdminToken),
      read('/v1/tasks?limit=100', apiKey),
      read('/v1/admin/keys', testAdminToken),
    ]);
    const without = (rows: Record<string, unknown>[], field: string) =>
      JSON.stringify(rows.map(({ [field]: _left, ...rest }) => rest));
    return {
      // Which tasks exist, not how far they got: a task an earlier request created runs on meanwhile.
      stable: [
        without(workspaces.data, 'balance'),
        tasks.data.map((task) => task.id).join(','),
        without(keys.data, 'last_used_at'),
      ].join('|'),
      balances: JSON.stringify(workspaces.data.map((workspace) => [workspace.id, workspace.balance])),
      inFlight: tasks.data.some((task) => task.status === 'pending' || task.status === 'running'),
    };
  };
  const counts = {
    requests: 0,
    rejected: 0,
    accepted: 0,
    server_errors: 0,
    bad_envelopes: 0,
    changed_by_rejects: 0,
  };
  await fc.assert(
    fc.asyncProperty(requestArbitrary, async (input) => {
      const before = await fingerprint();
      const search = input.query ? `?${new URLSearchParams(input.query)}` : '';
      const headers: Record<string, string> = {};
      if (input.contentType) headers['content-type'] = input.contentType;
      if (input.auth === 'key') headers.authorization = `Bearer ${apiKey}`;
      if (input.auth === 'admin') headers.authorization = `Bearer ${testAdminToken}`;
      if (input.auth === 'garbage') headers.authorization = 'Bearer sk-not-a-key';
      if (input.idempotencyKey !== null) headers['idempotency-key'] = input.idempotencyKey;
      const hasBody = input.body !== null && input.method !== 'GET';
      const response = await fetch(`${url}${input.path}${search}`, {
        method: input.method,
        headers,
        ...(hasBody ? { body: input.body as string } : {}),
      });
      const text = await response.text();
      counts.requests += 1;
      if (response.status >= 500) counts.server_errors += 1;
      if (response.status >= 400) {
        counts.rejected += 1;
        let envelope: { error?: { code?: unknown; message?: unknown } } | undefined;
        try {
          envelope = JSON.parse(text);
        } catch {
          envelope = undefined;
        }
        const good = typeof envelope?.error?.code === 'string' && typeof envelope.error.message === 'string';
        if (!good) counts.bad_envelopes += 1;
        const after = await fingerprint();
        const changed =
          after.stable !== before.stable || (!before.inFlight && after.balances !== before.balances);
        if (changed) counts.changed_by_rejects += 1;
        expect(response.status, `${input.method} ${input.path}: ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(good, `${input.method} ${input.path} ${response.status}: ${text.slice(0, 200)}`).toBe(true);
        const label = `${input.method} ${input.path} ${response.status} changed the store`;
        expect(after.stable, label).toBe(before.stable);
        if (!before.inFlight) expect(after.balances, label).toBe(before.balances);
      } else counts.accepted += 1;
    }),
    { numRuns: 10_000, seed: 20261121 },
  );
  summary('bad input', counts);
  expect(counts.requests).toBe(10_000);
});
