import { execFile } from 'node:child_process';
import path from 'node:path';
import { sessionSchema, usageSchema, userSchema } from '@ads/contract';
import { type Emulators, startEmulators } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';
import { request, startTestGateway, type TestGateway } from './support/test-gateway.js';

const bin = path.join(import.meta.dirname, '../bin/ads-server.js');

interface Signed {
  cookie: string;
  csrf: string;
  status: number;
}

describe.each(storeKinds)('console users and sessions on %s', (store) => {
  let emulators: Emulators;
  let gateway: TestGateway;
  // The gateway's clock, moved by the tests (sign-in windows, usage days).
  let clock = Date.parse('2026-12-01T10:00:00Z');
  beforeAll(async () => {
    emulators = await startEmulators();
    gateway = await startTestGateway({ store, environment: emulators.environment, now: () => clock });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulators?.close();
  });

  async function signIn(email: string, password: string): Promise<Signed> {
    const answer = await request(`${gateway.url}/v1/session`, 'POST', { body: { email, password } });
    const cookie = answer.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    return { cookie, csrf: answer.body?.csrf_token ?? '', status: answer.status };
  }
  const as = (session: Signed, method: string, route: string, body?: unknown, csrf = true) =>
    request(`${gateway.url}${route}`, method, {
      body,
      headers: { cookie: session.cookie, ...(csrf ? { 'x-csrf-token': session.csrf } : {}) },
    });
  const createUser = async (email: string, role: 'user' | 'operator' = 'user', workspace = 'people') => {
    const answer = await gateway.admin('POST', '/v1/admin/users', {
      email,
      password: 'a long enough password',
      workspace,
      role,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return userSchema.parse(answer.body);
  };

  it('signs in with any case of the email, sets an HttpOnly SameSite cookie, and answers the session', async () => {
    const user = await createUser('Case@Example.com');
    expect(user.email).toBe('case@example.com');
    const answer = await request(`${gateway.url}/v1/session`, 'POST', {
      body: { email: 'CASE@example.COM', password: 'a long enough password' },
    });
    expect(answer.status).toBe(200);
    const session = sessionSchema.parse(answer.body);
    expect(session.user.id).toBe(user.id);
    const cookie = answer.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^ads_session=ses_[A-Za-z0-9]{40}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const again = await request(`${gateway.url}/v1/session`, 'GET', {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(again.body.csrf_token).toBe(session.csrf_token);
  });

  it('serves the console on its own paths only; the API keeps its JSON answers', async () => {
    const page = await fetch(`${gateway.url}/settings/api-keys`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = (await page.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    const asset = await fetch(`${gateway.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/assets/missing.js', '/v1/nothing', '/tasks/a/b', '/settings']) {
      const answer = await request(`${gateway.url}${path}`, 'GET');
      expect(answer.status, path).toBe(404);
      expect(answer.body.error.code, path).toBe('not_found');
    }
  });

  it("refuses a sign-in posted from another site's page (login CSRF), and takes one from its own", async () => {
    await createUser('origin@example.com');
    const post = (origin: string) =>
      request(`${gateway.url}/v1/session`, 'POST', {
        body: { email: 'origin@example.com', password: 'a long enough password' },
        headers: { origin, 'content-type': 'text/plain' },
      });
    const foreign = await post('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toContain('https://evil.example');
    expect((await post(gateway.url)).status).toBe(200);
  });

  it('limits wrong passwords per email: the sixth try is a 429, and the window refills with time', async () => {
    await createUser('limited@example.com');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await signIn('limited@example.com', 'wrong password');
      expect(wrong.status).toBe(401);
    }
    const refused = await request(`${gateway.url}/v1/session`, 'POST', {
      body: { email: 'limited@example.com', password: 'a long enough password' },
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another email is not locked by it.
    await createUser('other@example.com');
    expect((await signIn('other@example.com', 'a long enough password')).status).toBe(200);
    // A try comes back every 3 minutes.
    clock += 3 * 60 * 1000 + 1000;
    expect((await signIn('limited@example.com', 'a long enough password')).status).toBe(200);
  });

  it('refuses a change without the CSRF token, and an API key on the key routes', async () => {
    await createUser('csrf@example.com');
    const session = await signIn('csrf@example.com', 'a long enough password');
    const forged = await as(session, 'POST', '/v1/keys', { name: 'forged' }, false);
    expect(forged.status).toBe(403);
    expect(forged.body.error.message).toContain('X-CSRF-Token');
    expect((await as(session, 'GET', '/v1/keys')).status).toBe(200);
    const created = await as(session, 'POST', '/v1/keys', { name: 'mine' });
    expect(created.status).toBe(201);
    const withKey = await gateway.call('POST', '/v1/keys', { body: { name: 'from a key' } });
    expect(withKey.status).toBe(401);
    expect(withKey.body.error.message).toContain('not an API key');
    // The key works, and the user revokes it.
    expect((await gateway.call('GET', '/v1/account', { apiKey: created.body.api_key })).status).toBe(200);
    expect((await as(session, 'DELETE', `/v1/keys/${created.body.id}`)).status).toBe(200);
    expect((await gateway.call('GET', '/v1/account', { apiKey: created.body.api_key })).status).toBe(401);
    // Signed out, the cookie is worth nothing.
    expect((await as(session, 'DELETE', '/v1/session')).status).toBe(200);
    expect((await as(session, 'GET', '/v1/keys')).status).toBe(401);
  });

  it('lets an operator session use the admin API (with its CSRF token) and refuses a plain user', async () => {
    await createUser('op@example.com', 'operator');
    const operator = await signIn('op@example.com', 'a long enough password');
    expect((await as(operator, 'GET', '/v1/admin/workspaces')).status).toBe(200);
    expect((await as(operator, 'POST', '/v1/admin/workspaces', { name: 'made-by-op' }, false)).status).toBe(
      403,
    );
    expect((await as(operator, 'POST', '/v1/admin/workspaces', { name: 'made-by-op' })).status).toBe(201);
    await createUser('plain@example.com');
    const plain = await signIn('plain@example.com', 'a long enough password');
    const refused = await as(plain, 'GET', '/v1/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('operator');
  });

  it('takes an invite once, even when two accepts race, and signs the new user in', async () => {
    const invite = await gateway.admin('POST', '/v1/admin/invites', {
      email: 'invited@example.com',
      workspace: 'people',
    });
    expect(invite.status).toBe(201);
    const token = String(invite.body.url).split('/invite/')[1];
    const accept = () =>
      request(`${gateway.url}/v1/invites/accept`, 'POST', { body: { token, password: 'my own password' } });
    const answers = await Promise.all([accept(), accept()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 404]);
    expect((await signIn('invited@example.com', 'my own password')).status).toBe(200);
    const users = await gateway.admin('GET', '/v1/admin/users');
    expect(
      users.body.data.filter((user: { email: string }) => user.email === 'invited@example.com'),
    ).toHaveLength(1);
  });

  it('signs a disabled user out everywhere and refuses their sign-in', async () => {
    const user = await createUser('leaver@example.com');
    const session = await signIn('leaver@example.com', 'a long enough password');
    expect((await gateway.admin('PATCH', `/v1/admin/users/${user.id}`, { disabled: true })).status).toBe(200);
    expect((await as(session, 'GET', '/v1/tasks')).status).toBe(401);
    const again = await request(`${gateway.url}/v1/session`, 'POST', {
      body: { email: 'leaver@example.com', password: 'a long enough password' },
    });
    expect(again.status).toBe(403);
  });

  it('counts usage per UTC day and per model: reserves less refunds, every day listed', async () => {
    const user = await createUser('spender@example.com', 'user', 'spending');
    await gateway.admin('POST', `/v1/admin/workspaces/${user.workspace_id}/credits`, { amount: 100 });
    const session = await signIn('spender@example.com', 'a long enough password');
    const created = await as(session, 'POST', '/v1/videos/generations', {
      scene: 'text-to-video',
      model: 'kie/bytedance/seedance-2-mini',
      prompt: 'usage',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.credits).toBeGreaterThan(0);
    const usage = usageSchema.parse((await as(session, 'GET', '/v1/usage?days=3')).body);
    expect(usage.days.map((day) => day.date)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(usage.days[2]).toEqual({ date: '2026-12-01', spent: created.body.credits, topped_up: 100 });
    expect(usage.models).toEqual([{ model: created.body.model, spent: created.body.credits, tasks: 1 }]);
    // The session's task is in the user's workspace, and the filters find it.
    const found = await as(
      session,
      'GET',
      `/v1/tasks?model=${created.body.model}&created_after=2026-12-01T00:00:00Z`,
    );
    expect(found.body.data.map((task: { id: string }) => task.id)).toEqual([created.body.id]);
    const none = await as(session, 'GET', '/v1/tasks?created_before=2026-12-01T00:00:00Z');
    expect(none.body.data).toEqual([]);
    expect(found.body.data[0].input.prompt).toBe('usage');
  });

  it('ads-server users create reads the password from stdin; invite prints a link; list shows both', async () => {
    const environment = { ...process.env, ...(await freshStoreEnvironment(store)) };
    const cli = (args: string[], input?: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          [bin, ...args],
          { env: environment },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
        child.stdin?.end(input ?? '');
      });
    const created = await cli(
      [
        'users',
        'create',
        '--email',
        'cli@example.com',
        '--password-stdin',
        '--workspace',
        'acme',
        '--operator',
        '--json',
      ],
      'piped password 123\n',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(userSchema.parse(JSON.parse(created.stdout))).toMatchObject({
      email: 'cli@example.com',
      role: 'operator',
    });
    const short = await cli(
      ['users', 'create', '--email', 'short@example.com', '--password-stdin'],
      'short\n',
    );
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('at least 10 characters');
    const badEmail = await cli(['users', 'invite', '--email', 'not-an-email']);
    expect(badEmail.stderr).toContain('--email must be an email address');
    const invite = await cli(['users', 'invite', '--email', 'later@example.com', '--workspace', 'acme']);
    expect(invite.stdout).toMatch(/\/invite\/inv_[A-Za-z0-9]{40}\n$/);
    const list = JSON.parse((await cli(['users', 'list', '--json'])).stdout);
    expect(list.data.map((user: { email: string }) => user.email)).toEqual(['cli@example.com']);
  });
});
