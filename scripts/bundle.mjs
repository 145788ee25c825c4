// `pnpm bundle`: writes dist/ads-server/, the gateway with its production dependencies only (pnpm
// deploy), the console's built files and the native SQLite addon. It runs from any folder with
// `node dist/ads-server/bin/ads-server.js`: no workspace, no dev dependencies, no build step.
// The packages must be built first (`pnpm bundle` does that through turbo).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(root, process.argv[2] ?? 'dist/ads-server');

rmSync(target, { recursive: true, force: true });
// --legacy: the shared lockfile's versions, copied from pnpm's store; workspace packages as packed.
execFileSync('pnpm', ['--filter', '@ads/server', 'deploy', '--prod', '--legacy', target], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});

/** What compiling better-sqlite3 leaves beside the addon: sources and object files, not needed to run. */
const pnpmDir = path.join(target, 'node_modules', '.pnpm');
for (const entry of readdirSync(pnpmDir).filter((name) => name.startsWith('better-sqlite3@'))) {
  const addon = path.join(pnpmDir, entry, 'node_modules', 'better-sqlite3');
  for (const leftover of ['deps', 'src', 'build/deps', 'build/Release/obj.target', 'build/Release/.deps']) {
    rmSync(path.join(addon, leftover), { recursive: true, force: true });
  }
  for (const file of readdirSync(path.join(addon, 'build'))) {
    if (file !== 'Release') rmSync(path.join(addon, 'build', file), { recursive: true, force: true });
  }
  for (const file of readdirSync(path.join(addon, 'build', 'Release'))) {
    if (file !== 'better_sqlite3.node')
      rmSync(path.join(addon, 'build', 'Release', file), { recursive: true });
  }
}

// The manifest of a program, not of a workspace package: no dev dependencies, no workspace ranges.
const manifestPath = path.join(target, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const versionOf = (name) =>
  JSON.parse(readFileSync(path.join(target, 'node_modules', name, 'package.json'), 'utf8')).version;
for (const [name, range] of Object.entries(manifest.dependencies)) {
  if (range.startsWith('workspace:')) manifest.dependencies[name] = versionOf(name);
}
delete manifest.devDependencies;
delete manifest.scripts;
delete manifest.publishConfig;
manifest.private = true;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

/** Bytes on disk, each file once (pnpm hard-links), symlinks not followed. */
function sizeOf(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}
const megabytes = (sizeOf(target) / 1e6).toFixed(1);
process.stdout.write(
  `${path.relative(process.cwd(), target) || '.'}: ${megabytes} MB. Run it anywhere with: node ${path.join(path.relative(process.cwd(), target), 'bin/ads-server.js')}\n`,
);
