import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A real PNG, drawn by the browser's own canvas (a gradient, 320×180). */
export async function canvasPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    const gradient = context.createLinearGradient(0, 0, 320, 180);
    gradient.addColorStop(0, '#1c7ed6');
    gradient.addColorStop(1, '#f59f00');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 320, 180);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

/** The video has decoded a frame (readyState ≥ 2, HAVE_CURRENT_DATA) and its time moves on as it plays. */
export async function expectPlaying(video: Locator): Promise<void> {
  await video.waitFor({ timeout: 120_000 });
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(2);
  const started = await video.evaluate(async (element: HTMLVideoElement) => {
    element.muted = true;
    await element.play();
    return element.currentTime;
  });
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 30_000 })
    .toBeGreaterThan(started);
}
