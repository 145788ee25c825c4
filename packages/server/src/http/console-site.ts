import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

/** The console's own pages: ads-server answers each with the console's index.html. */
const consolePages =
  /^\/(?:$|sign-in$|invite\/[^/]+$|tasks(?:\/[^/]+)?$|playground$|usage$|webhooks$|settings\/[a-z-]+$|operator\/[a-z-]+$)/;

/** Where @ads/console's built files are, or undefined when it is not installed or not built. */
export function consoleDirectory(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@ads/console/package.json');
    const directory = path.join(path.dirname(manifest), 'dist');
    return existsSync(path.join(directory, 'index.html')) ? directory : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The console at `/`: its hashed assets cached for a year, its pages answered with index.html
 * (never cached, so a new version shows at once). Only the console's own paths: every API path
 * keeps its JSON answers, its 404s included.
 */
export function consoleSite(directory: string): RequestHandler {
  const router = Router();
  router.use(
    '/assets',
    // A missing asset falls through to the API's JSON 404.
    express.static(path.join(directory, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
    }),
  );
  router.get('/favicon.svg', (_request, response) => {
    response.sendFile('favicon.svg', { root: directory, maxAge: '1d' });
  });
  router.get(consolePages, (_request, response) => {
    response.setHeader('cache-control', 'no-cache');
    // Relative to root: send refuses a dot folder anywhere in an absolute path, and pnpm installs
    // the console under node_modules/.pnpm.
    response.sendFile('index.html', { root: directory });
  });
  return router;
}
