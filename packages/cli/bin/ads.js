#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/ads.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'ads: the CLI is not built yet. Run `pnpm build` (or `pnpm start`) at the repository root.\n',
  );
  process.exit(1);
}
await import(entry.href);
