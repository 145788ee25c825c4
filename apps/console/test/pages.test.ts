import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningGateway } from '@ads/testing';
import { launchChromium } from '@ads/testing/browser';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleGateway } from './support/console-gateway.js';
import { artifacts, foreign, newPage, recordRequests, signIn } from './support/pages.js';

interface ConsolePage {
  name: string;
  path: string;
  heading: string;
}

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, scheme: 'light' as const },
  { name: 'phone', viewport: { width: 390, height: 844 }, scheme: 'dark' as const },
];

/** Serious or critical axe-core findings: what must be 0. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}

describe('every console page, at 1280×900 (light) and 390×844 (dark)', () => {
  let gateway: RunningGateway;
  let browser: Browser;
  let pages: ConsolePage[];
  let invitePath: string;
  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startConsoleGateway(), launchChromium()]);
    // One finished task, so the gallery, the task page and the usage chart have something to show.
    const created = await fetch(`${gateway.url}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        scene: 'text-to-video',
        model: 'sandbox/sandbox-video',
        prompt: 'paper boats on a pond',
      }),
    });
    const task = (await created.json()) as { id: string };
    const invite = await fetch(`${gateway.url}/v1/admin/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new@example.com', workspace: 'default' }),
    });
    invitePath = new URL(((await invite.json()) as { url: string }).url).pathname;
    pages = [
      { name: 'overview', path: '/', heading: 'Overview' },
      { name: 'tasks', path: '/tasks', heading: 'Tasks' },
      { name: 'task', path: `/tasks/${task.id}`, heading: `Task ${task.id.slice(0, 8)}` },
      { name: 'playground', path: '/playground', heading: 'Playground' },
      { name: 'usage', path: '/usage', heading: 'Usage' },
      { name: 'webhooks', path: '/webhooks', heading: 'Webhooks' },
      { name: 'api-keys', path: '/settings/api-keys', heading: 'API Keys' },
      { name: 'operator-workspaces', path: '/operator/workspaces', heading: 'Workspaces' },
      { name: 'operator-users', path: '/operator/users', heading: 'Users' },
      { name: 'operator-keys', path: '/operator/keys', heading: 'All keys' },
      { name: 'operator-reconcile', path: '/operator/reconcile', heading: 'Reconcile queue' },
      { name: 'not-found', path: '/settings/nothing-here', heading: 'Page not found' },
    ];
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  for (const size of sizes) {
    it(`has no serious or critical axe-core finding on any page (${size.name}), loads nothing from elsewhere, and is screenshotted`, async () => {
      const { context, page } = await newPage(browser, size.viewport);
      await page.emulateMedia({ colorScheme: size.scheme });
      const requests = recordRequests(context);
      const findings: Record<string, unknown> = {};
      const shots: string[] = [];
      const shoot = async (name: string) => {
        // Wait for every list to leave its loading state.
        await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
        const file = `${name}-${size.viewport.width}x${size.viewport.height}.png`;
        await page.screenshot({ path: path.join(artifacts, file), fullPage: true });
        shots.push(file);
        const violations = await seriousViolations(page);
        if (violations.length) findings[name] = violations;
      };

      await page.goto(`${gateway.url}/sign-in`);
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      await shoot('sign-in');
      await page.goto(`${gateway.url}${invitePath}`);
      await page.getByRole('heading', { name: 'Accept your invite', level: 1 }).waitFor();
      await shoot('invite');

      if (!gateway.firstUser) throw new Error('ads-server printed no first user');
      await signIn(page, gateway.url, gateway.firstUser);
      for (const entry of pages) {
        await page.goto(`${gateway.url}${entry.path}`);
        await page.getByRole('heading', { name: entry.heading, level: 1 }).waitFor();
        if (entry.name === 'task') await page.locator('video').waitFor({ timeout: 60_000 });
        await shoot(entry.name);
      }
      writeFileSync(
        path.join(artifacts, `screenshots-${size.name}.json`),
        `${JSON.stringify(shots, null, 2)}\n`,
      );
      expect(findings).toEqual({});
      expect(foreign(gateway.url, requests)).toEqual([]);
      await context.close();
    });
  }

  it('is reachable from the keyboard: Tab walks the header and the navigation', async () => {
    const { context, page } = await newPage(browser);
    if (!gateway.firstUser) throw new Error('ads-server printed no first user');
    await signIn(page, gateway.url, gateway.firstUser);
    const reached: string[] = [];
    for (let step = 0; step < 25; step += 1) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(
          () =>
            document.activeElement?.textContent?.trim() ||
            document.activeElement?.getAttribute('aria-label') ||
            '',
        ),
      );
    }
    for (const name of [
      'Sign out',
      'Tasks',
      'Playground',
      'Usage',
      'API Keys',
      'Workspaces',
      'Reconcile queue',
    ]) {
      expect(reached).toContain(name);
    }
    await page.keyboard.press('Enter');
    await context.close();
  });

  it('opens the navigation from its button at 390 px', async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    if (!gateway.firstUser) throw new Error('ads-server printed no first user');
    await signIn(page, gateway.url, gateway.firstUser);
    // Shut, the drawer is inert: out of the Tab order and of reach.
    const navigation = page.getByRole('navigation', { name: 'Console' });
    const playground = navigation.getByRole('link', { name: 'Playground' });
    await expect(navigation.getAttribute('inert')).resolves.not.toBeNull();
    await page.getByRole('button', { name: 'Open the navigation' }).click();
    await expect.poll(() => navigation.getAttribute('inert')).toBeNull();
    await playground.click();
    await page.getByRole('heading', { name: 'Playground', level: 1 }).waitFor();
    await context.close();
  });
});
