import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type GatewayProcess, spawnGateway } from '@ads/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Bundle, repository, writeBundle } from './support/bundle.js';

const run = promisify(execFile);
let bundle: Bundle;
/** An empty folder outside the repository, where the bundle is copied as an operator would. */
const home = mkdtempSync(path.join(tmpdir(), 'ads-bundle-home-'));
const copied = path.join(home, 'opt', 'ads-server');
const bin = path.join(copied, 'bin', 'ads-server.js');
let gateway: GatewayProcess | undefined;

beforeAll(async () => {
  bundle = await writeBundle();
  // cp -a: pnpm's links inside node_modules are relative, so the copy runs wherever it lands.
  cpSync(bundle.dir, copied, { recursive: true, verbatimSymlinks: true });
  rmSync(path.dirname(bundle.dir), { recursive: true, force: true });
});
afterAll(async () => {
  await gateway?.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
  bundle?.remove();
});

it('holds the production dependencies only, the console and the SQLite addon', () => {
  console.log(`bundle: ${bundle.report}`);
  expect(copied.startsWith(repository)).toBe(false);
  const installed = readdirSync(path.join(copied, 'node_modules', '.pnpm'));
  for (const devOnly of ['vitest@', 'typescript@', '@ads+testing', 'playwright', '@biomejs', 'vite@']) {
    expect(
      installed.filter((name) => name.startsWith(devOnly)),
      devOnly,
    ).toEqual([]);
  }
  expect(existsSync(path.join(copied, 'node_modules', '@ads', 'console', 'dist', 'index.html'))).toBe(true);
  const manifest = JSON.parse(readFileSync(path.join(copied, 'package.json'), 'utf8'));
  expect(manifest.devDependencies).toBeUndefined();
  expect(Object.values(manifest.dependencies).some((range) => String(range).startsWith('workspace:'))).toBe(
    false,
  );
  const [megabytes] = /([\d.]+) MB/.exec(bundle.report)?.slice(1) ?? [];
  // What a container layer carries: kept in check so a stray dependency shows up here.
  expect(Number(megabytes)).toBeLessThan(120);
});

it('answers --help and runs a sandbox generation with plain node from an empty folder', async () => {
  const help = await run(process.execPath, [bin, '--help'], { cwd: home });
  expect(help.stdout).toContain('ADS_TRUST_PROXY');
  gateway = await spawnGateway(
    bin,
    {
      PORT: '0',
      HOST: '127.0.0.1',
      ADS_DATA_DIR: path.join(home, 'data'),
      DATABASE_URL: '',
      ADS_SANDBOX_RUN_SECONDS: '1',
      ADS_POLL_SCALE: '0.02',
      ADS_RUNNER_IDLE_MS: '50',
    },
    { cwd: home },
  );
  const apiKey = gateway.firstKey as string;
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const waited = await fetch(`${gateway.url}/api/actions/ai.video.generate_and_wait`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ prompt: 'a lighthouse at dusk', timeoutMs: 120_000 }),
  });
  const answer = (await waited.json()) as { status: string; taskId: string };
  expect(answer.status).toBe('success');
  const task = (await (await fetch(`${gateway.url}/v1/tasks/${answer.taskId}`, { headers })).json()) as {
    videos: { url: string }[];
  };
  const video = Buffer.from(await (await fetch(task.videos[0]?.url as string)).arrayBuffer());
  expect(video.subarray(4, 8).toString('latin1')).toBe('ftyp');
  // The console comes from the bundle too.
  const page = await fetch(`${gateway.url}/`);
  expect(page.headers.get('content-type')).toContain('text/html');
  // The SQLite store is where ADS_DATA_DIR says, not in the bundle.
  expect(existsSync(path.join(home, 'data'))).toBe(true);
});
