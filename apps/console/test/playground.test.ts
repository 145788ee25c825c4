import type { RunningGateway } from '@ads/testing';
import { launchChromium } from '@ads/testing/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startConsoleGateway } from './support/console-gateway.js';
import { foreign, newPage, recordRequests, signIn } from './support/pages.js';
import { canvasPng, expectPlaying } from './support/video.js';

const grace = { email: 'grace@example.com', password: 'compilers all the way', workspace: 'navy' };
const sandbox = 'sandbox/sandbox-video';

describe('the Playground, in Chromium against ads-server (sandbox provider)', () => {
  let gateway: RunningGateway;
  let browser: Browser;
  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startConsoleGateway(), launchChromium()]);
    const user = await createUser(gateway, grace);
    await fetch(`${gateway.url}/v1/admin/workspaces/${user.workspace_id}/credits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 500 }),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('makes a text-to-video and an image-to-video from an uploaded PNG; both play, and the gallery shows both', async () => {
    const { page, context } = await newPage(browser);
    const requests = recordRequests(context);
    await signIn(page, gateway.url, grace);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Playground' }).click();
    await page.getByRole('heading', { name: 'Playground', level: 1 }).waitFor();

    // Text to video.
    await page.getByRole('combobox', { name: 'Scene' }).selectOption('text-to-video');
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a lighthouse in a storm, slow push-in');
    const model = page.getByRole('combobox', { name: 'Model' });
    await expect.poll(() => model.locator('option').count()).toBeGreaterThan(1);
    // Runnable models come first, each with its price for the scene.
    const first = await model.locator('option').first().textContent();
    expect(first).toMatch(/credits$/);
    await model.selectOption(sandbox);
    await page
      .getByTestId('quote')
      .getByText(/^Costs \d+ credits/)
      .waitFor();
    await page.getByRole('button', { name: 'Generate' }).click();
    const textVideo = page.locator('video');
    await expectPlaying(textVideo);
    const textTask = await page.getByRole('link', { name: /^Task / }).textContent();

    // Image to video, from an upload.
    const png = await canvasPng(page);
    await page.getByRole('combobox', { name: 'Scene' }).selectOption('image-to-video');
    await page.getByText('An upload', { exact: true }).click();
    await expect(page.getByRole('radio', { name: 'An upload' }).isChecked()).resolves.toBe(true);
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'still.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('textbox', { name: 'Prompt' }).fill('the colours drift slowly');
    await model.selectOption(sandbox);
    await page.getByRole('button', { name: 'Generate' }).click();
    await page
      .getByRole('link', { name: /^Task / })
      .filter({ hasNotText: textTask ?? '' })
      .waitFor({ timeout: 60_000 });
    await expectPlaying(page.locator('video'));

    // The gallery: both tasks, both succeeded, each with its video.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    const cards = page.getByTestId('task-card');
    await expect.poll(() => cards.count()).toBe(2);
    await expect
      .poll(() => page.locator('[data-testid="task-card"][data-status="success"]').count(), {
        timeout: 60_000,
      })
      .toBe(2);
    await expectPlaying(cards.first().locator('video'));
    const scenes = await page.getByTestId('gallery').textContent();
    expect(scenes).toContain('a lighthouse in a storm');
    expect(scenes).toContain('the colours drift slowly');

    // The filters narrow the gallery.
    await page.getByRole('combobox', { name: 'Scene' }).selectOption('image-to-video');
    await expect.poll(() => cards.count()).toBe(1);
    await page.getByRole('combobox', { name: 'Scene' }).selectOption('');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
    await page.getByTestId('empty-state').waitFor();

    // The image-to-video task was given the uploaded file, not a URL.
    const imageTask = await page.evaluate(async () => {
      const answer = await fetch('/v1/tasks?scene=image-to-video');
      return ((await answer.json()) as { data: Array<{ input: Record<string, unknown> }> }).data[0]?.input;
    });
    expect(JSON.stringify(imageTask)).toMatch(/file_[0-9A-Za-z]{24}/);

    expect(foreign(gateway.url, requests)).toEqual([]);
    await context.close();
  });
});
