// Browsers for the tests that need one: `@ads/testing/browser`, apart so other tests never load Playwright.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium (apt), or CHROMIUM_PATH: Playwright cannot download browsers here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    // Chromium starts in about a second alone; beside other suites on 2 cores it can take many times
    // Playwright's 30 s default.
    timeout: 120_000,
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
