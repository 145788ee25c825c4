import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RunningGateway } from '@ads/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/browser.js';
import { startGateway } from './support/gateway.js';
import { siteFiles } from './support/site-check.js';
import { serveSite } from './support/static-site.js';

const artifacts = path.resolve(import.meta.dirname, '../test-results');

/** Every URL a page asks for, to prove nothing comes from another host. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    urls.push(request.url());
  });
  return urls;
}

/** Waits until the page shows this title (VitePress changes the URL before it renders the page). */
const heading = (page: Page, text: string) => page.locator('h1', { hasText: text }).first().waitFor();

const foreign = (origin: string, urls: string[]) =>
  urls.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));

// CI installs Debian's chromium (.ci/run); elsewhere, without it, these are skipped (CI fails instead).
const chromiumAvailable = hasChromium();
if (!chromiumAvailable && process.env.CI)
  throw new Error('chromium is missing: .ci/run installs it with apt');

describe.skipIf(!chromiumAvailable)('the site in headless Chromium', () => {
  let site: Awaited<ReturnType<typeof serveSite>>;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    [site, browser] = await Promise.all([serveSite(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('a newcomer goes from the home page to the Quickstart, the API reference and one endpoint', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests = recordRequests(page);
    await page.goto(`${site.url}/`);
    await page.getByRole('link', { name: 'Quickstart' }).first().click();
    await page.waitForURL(/\/guide\/quickstart/);
    await heading(page, 'Quickstart');

    await page.locator('.vp-doc').getByRole('link', { name: 'HTTP API reference' }).click();
    await page.waitForURL(/\/reference\/api\//);
    await heading(page, 'HTTP API reference');

    await page.locator('.vp-doc').getByRole('link', { name: 'POST /v1/videos/generations' }).click();
    await page.waitForURL(/videos-create-generation/);
    await heading(page, 'POST /v1/videos/generations');

    // The request schema is rendered: the Body section's table lists the fields with their types.
    const body = page.locator('h3#body + p + table');
    await body.waitFor();
    const bodyText = (await body.textContent()) ?? '';
    for (const field of ['provider', 'model', 'scene', 'prompt', 'image_input', 'video_input', 'options'])
      expect(bodyText).toContain(field);
    await expect(page.getByText('curl -X POST').first().isVisible()).resolves.toBe(true);

    await page.locator('h3#body').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 400);
    await page.screenshot({ path: path.join(artifacts, 'api-endpoint.png'), fullPage: false });
    expect(foreign(site.url, requests)).toEqual([]);
    await page.close();
  });

  it('search finds an endpoint page', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    await page.locator('.VPNavBarSearchButton, .DocSearch-Button').first().click();
    // The search box and its index load on first use; type once the input is there.
    const input = page.locator('.VPLocalSearchBox input');
    await input.waitFor();
    await input.fill('generations');
    const result = page.locator('.VPLocalSearchBox .result').first();
    await result.waitFor();
    expect(await result.textContent()).toMatch(/generations/i);
    await page.close();
  });

  it('no page of the site loads anything from another host', async () => {
    const page = await browser.newPage();
    const requests = recordRequests(page);
    for (const file of siteFiles('.html').filter((name) => name !== '404.html')) {
      await page.goto(`${site.url}/${file}`, { waitUntil: 'load' });
    }
    expect(requests.length).toBeGreaterThan(30);
    expect(foreign(site.url, requests)).toEqual([]);
    await page.close();
  });

  describe("the gateway's own /docs page", () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await startGateway();
    });
    afterAll(() => gateway?.stop());

    it('renders the API reference from the gateway alone', async () => {
      const page = await browser.newPage();
      const requests = recordRequests(page);
      await page.goto(`${gateway.url}/docs`, { waitUntil: 'networkidle' });
      await page.getByText('/v1/videos/generations').first().waitFor();
      expect(foreign(gateway.url, requests)).toEqual([]);
      await page.screenshot({ path: path.join(artifacts, 'gateway-docs.png') });
      await page.close();
    });

    it('sends "Try it out" to the address the page was loaded from', async () => {
      const page = await browser.newPage();
      await page.goto(`${gateway.url}/docs`, { waitUntil: 'networkidle' });
      const servers = page.locator('.servers select');
      await servers.waitFor();
      expect(await servers.inputValue()).toBe(new URL(gateway.url).origin);
      await page.close();
    });
  });
});
