import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ConsoleUser } from './console-gateway.js';

export const artifacts = path.resolve(import.meta.dirname, '../../test-results');
mkdirSync(artifacts, { recursive: true });

/** Every URL the pages of a context ask for, to prove nothing leaves the gateway's origin. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => {
    urls.push(request.url());
  });
  return urls;
}

export const foreign = (origin: string, urls: string[]) =>
  urls.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));

/** Signs in through the "Sign in" page; resolves on the page after it. */
export async function signIn(page: Page, origin: string, user: Pick<ConsoleUser, 'email' | 'password'>) {
  await page.goto(`${origin}/sign-in`);
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
}

/** A fresh browser context (its own cookies) with one page. */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: false });
  const page = await context.newPage();
  return { context, page };
}
