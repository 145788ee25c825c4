import type { RunningGateway } from '@ads/testing';
import { launchChromium } from '@ads/testing/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startConsoleGateway } from './support/console-gateway.js';
import { newPage, signIn } from './support/pages.js';

const alice = { email: 'alice@example.com', password: 'alice has a long one', workspace: 'wonderland' };
const bob = { email: 'bob@example.com', password: 'bob builds things', workspace: 'building-site' };
const mallory = { email: 'mallory@example.com', password: 'mallory guesses wrong', workspace: 'elsewhere' };

/** A cookie session from Node, the way a browser would hold it. */
async function nodeSession(gateway: RunningGateway, user: { email: string; password: string }) {
  const answer = await fetch(`${gateway.url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  expect(answer.status).toBe(200);
  const cookie = answer.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const session = (await answer.json()) as { csrf_token: string; user: { workspace_id: string } };
  return { cookie, csrf: session.csrf_token, workspaceId: session.user.workspace_id };
}

describe('console sign-in and sessions, against ads-server', () => {
  let gateway: RunningGateway;
  let browser: Browser;
  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startConsoleGateway(), launchChromium()]);
    for (const user of [alice, bob, mallory]) await createUser(gateway, user);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('says so clearly on a wrong password, and refuses further tries after five', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${gateway.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(mallory.email);
    const messages: string[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      await page.getByRole('textbox', { name: 'Password' }).fill(`not it ${attempt}`);
      const answered = page.waitForResponse(
        (response) => response.url().endsWith('/v1/session') && response.request().method() === 'POST',
      );
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect((await answered).status()).toBe(attempt <= 5 ? 401 : 429);
      const alert = page.getByRole('alert');
      await expect
        .poll(
          async () =>
            (await alert.count()) > 0 &&
            !(await page.getByRole('button', { name: 'Sign in' }).getAttribute('data-loading')),
        )
        .toBe(true);
      messages.push((await alert.textContent()) ?? '');
    }
    expect(messages.slice(0, 5).every((text) => text.includes('Wrong email or password'))).toBe(true);
    expect(messages[5]).toMatch(/Too many wrong passwords; try again in \d+ min/);
    // Locked out with the right password too, until the window passes: answered 429 with Retry-After.
    const locked = await fetch(`${gateway.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mallory),
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(page.url()).toMatch(/\/sign-in$/);
    await context.close();
  });

  it('refuses a change without the CSRF token, from the page and from elsewhere, and signs out for good', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, gateway.url, alice);
    const fromPage = await page.evaluate(async () => {
      const plain = await fetch('/v1/keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'no token' }),
      });
      const session = (await (await fetch('/v1/session')).json()) as { csrf_token: string };
      const withToken = await fetch('/v1/keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
        body: JSON.stringify({ name: 'with token' }),
      });
      return { plain: plain.status, plainBody: await plain.json(), withToken: withToken.status };
    });
    expect(fromPage.plain).toBe(403);
    expect(fromPage.plainBody.error.message).toContain('X-CSRF-Token');
    expect(fromPage.withToken).toBe(201);

    const session = await nodeSession(gateway, alice);
    const create = (headers: Record<string, string>) =>
      fetch(`${gateway.url}/v1/videos/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, ...headers },
        body: JSON.stringify({ scene: 'text-to-video', model: 'sandbox/sandbox-video', prompt: 'csrf' }),
      });
    const forged = await create({ 'x-csrf-token': 'guessed' });
    expect(forged.status).toBe(403);
    const before = await (
      await fetch(`${gateway.url}/v1/tasks`, { headers: { cookie: session.cookie } })
    ).json();
    expect(before.data).toEqual([]);
    expect((await create({ 'x-csrf-token': session.csrf })).status).toBe(200);

    // The cookie is HttpOnly and SameSite: no script reads it.
    const cookies = await context.cookies();
    const cookie = cookies.find((entry) => entry.name === 'ads_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('ads_session');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    const after = await fetch(`${gateway.url}/v1/session`, {
      headers: { cookie: `ads_session=${cookie?.value}` },
    });
    expect(after.status).toBe(401);
    await context.close();
  });

  it("never shows a user another workspace's tasks or keys", async () => {
    const aliceSession = await nodeSession(gateway, alice);
    const task = await fetch(`${gateway.url}/v1/videos/generations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: aliceSession.cookie,
        'x-csrf-token': aliceSession.csrf,
      },
      body: JSON.stringify({
        scene: 'text-to-video',
        model: 'sandbox/sandbox-video',
        prompt: 'private to alice',
      }),
    });
    const aliceTask = (await task.json()) as { id: string };
    const aliceKeys = (await (
      await fetch(`${gateway.url}/v1/keys`, { headers: { cookie: aliceSession.cookie } })
    ).json()) as {
      data: Array<{ id: string }>;
    };
    expect(aliceKeys.data.length).toBeGreaterThan(0);

    const { page, context } = await newPage(browser);
    await signIn(page, gateway.url, bob);
    await page.goto(`${gateway.url}/tasks`);
    await page.getByTestId('empty-state').waitFor();
    await page.goto(`${gateway.url}/settings/api-keys`);
    await page.getByTestId('empty-state').waitFor();
    await page.goto(`${gateway.url}/tasks/${aliceTask.id}`);
    await page
      .getByRole('alert')
      .getByText(/No task|not found/i)
      .waitFor();
    expect(await page.textContent('body')).not.toContain('private to alice');

    const bobSession = await nodeSession(gateway, bob);
    const as = (path: string, init: RequestInit = {}) =>
      fetch(`${gateway.url}${path}`, {
        ...init,
        headers: { cookie: bobSession.cookie, 'x-csrf-token': bobSession.csrf, ...(init.headers ?? {}) },
      });
    expect((await as(`/v1/tasks/${aliceTask.id}`)).status).toBe(404);
    expect((await as(`/v1/tasks?workspace_id=${aliceSession.workspaceId}`)).status).toBe(403);
    expect((await as(`/v1/keys?workspace_id=${aliceSession.workspaceId}`)).status).toBe(403);
    expect((await as(`/v1/keys/${aliceKeys.data[0]?.id}`, { method: 'DELETE' })).status).toBe(404);
    // Nor the operator's pages: a plain user is refused the admin API.
    expect((await as('/v1/admin/users')).status).toBe(403);
    await context.close();
  });
});
