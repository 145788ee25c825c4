import type { RunningGateway } from '@ads/testing';
import { launchChromium } from '@ads/testing/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleGateway } from './support/console-gateway.js';
import { newPage, signIn } from './support/pages.js';

describe("the operator's pages, signed in as the first user ads-server printed", () => {
  let gateway: RunningGateway;
  let browser: Browser;
  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startConsoleGateway(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('creates and tops up a workspace, invites a user who signs up, then disables them', async () => {
    if (!gateway.firstUser) throw new Error('ads-server printed no first user');
    const { page, context } = await newPage(browser);
    await signIn(page, gateway.url, gateway.firstUser);
    const nav = page.getByRole('navigation', { name: 'Console' });

    await nav.getByRole('link', { name: 'Workspaces' }).click();
    await page.getByRole('textbox', { name: 'Workspace name' }).fill('studio');
    await page.getByRole('textbox', { name: 'Starting credits' }).fill('50');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page
      .getByRole('status')
      .getByText(/^Created studio/)
      .waitFor();
    await page.getByRole('button', { name: 'Top up studio' }).click();
    await page.getByRole('textbox', { name: 'Credits to add' }).fill('25');
    await page.getByRole('button', { name: 'Add credits' }).click();
    await page.getByRole('status').getByText('studio now has 75 credits.').waitFor();
    await page
      .getByRole('row', { name: /studio/ })
      .getByText('75', { exact: true })
      .waitFor();

    await nav.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('textbox', { name: 'Email to invite' }).fill('newcomer@example.com');
    await page.getByRole('textbox', { name: 'Their workspace' }).fill('studio');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = (await page.getByRole('status').locator('pre').textContent())?.trim() ?? '';
    expect(link).toMatch(new RegExp(`^${gateway.url}/invite/inv_[A-Za-z0-9]{40}$`));

    // The invited person, in a browser of their own.
    const invited = await newPage(browser);
    await invited.page.goto(link);
    await invited.page.getByRole('textbox', { name: 'Password' }).fill('newcomer password');
    await invited.page.getByRole('button', { name: 'Create account' }).click();
    await invited.page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await invited.page.getByTestId('balance').getByText('75 credits').waitFor();
    // A plain user: no operator pages.
    await expect(invited.page.getByRole('link', { name: 'Workspaces' }).count()).resolves.toBe(0);
    // The link works once.
    const again = await newPage(browser);
    await again.page.goto(link);
    await again.page.getByRole('textbox', { name: 'Password' }).fill('another password');
    await again.page.getByRole('button', { name: 'Create account' }).click();
    await again.page
      .getByRole('alert')
      .getByText(/used already or has expired/)
      .waitFor();
    await again.context.close();

    await page.reload();
    await page.getByRole('button', { name: 'Disable newcomer@example.com' }).click();
    await page.getByRole('button', { name: 'Enable newcomer@example.com' }).waitFor();
    await invited.page.reload();
    await invited.page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await invited.context.close();

    await nav.getByRole('link', { name: 'All keys' }).click();
    await page.getByRole('row', { name: /first key/ }).waitFor();
    await nav.getByRole('link', { name: 'Reconcile queue' }).click();
    await page.getByTestId('empty-state').getByText('Nothing to reconcile').waitFor();
    await context.close();
  });
});
