import type { RunningGateway } from '@ads/testing';
import { launchChromium } from '@ads/testing/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startConsoleGateway } from './support/console-gateway.js';
import { newPage, signIn } from './support/pages.js';

const ada = { email: 'ada@example.com', password: 'correct horse battery', workspace: 'analytical' };

describe('Settings → API Keys, in Chromium against ads-server', () => {
  let gateway: RunningGateway;
  let browser: Browser;
  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startConsoleGateway(), launchChromium()]);
    await createUser(gateway, ada);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  const account = (apiKey: string) =>
    fetch(`${gateway.url}/v1/account`, { headers: { authorization: `Bearer ${apiKey}` } });

  it('creates a key that works from Node, then revokes it: 401 from then on', async () => {
    const { page, context } = await newPage(browser);
    await signIn(page, gateway.url, ada);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'API Keys' }).click();
    await page.getByRole('heading', { name: 'API Keys', level: 1 }).waitFor();
    await page.getByTestId('empty-state').waitFor();

    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('from the console');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('This is the only time the key is shown').waitFor();
    const apiKey = (await dialog.locator('pre, code').first().textContent())?.trim() ?? '';
    expect(apiKey).toMatch(/^sk-[A-Za-z0-9]{40}$/);
    await expect(dialog.getByRole('button', { name: 'Copy the API key' }).isVisible()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();

    const answer = await account(apiKey);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { workspace: { name: string }; key: { name: string } };
    expect(body.workspace.name).toBe(ada.workspace);
    expect(body.key.name).toBe('from the console');

    // The list shows it with its prefix, and "last used" once the gateway noted the use.
    const row = page.getByRole('row', { name: /from the console/ });
    await expect
      .poll(
        async () => {
          await page.reload();
          await row.waitFor();
          return row.textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .not.toContain('never');
    await expect(row.textContent()).resolves.toContain(apiKey.slice(0, 10));

    await row.getByRole('button', { name: 'Revoke from the console' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('This cannot be undone').waitFor();
    await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page
      .getByRole('row', { name: /from the console/ })
      .getByText(/^revoked/)
      .waitFor();

    const refused = await account(apiKey);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    await context.close();
  });
});
