import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, type GatewayProcess, spawnGateway } from '@ads/testing';
import { afterAll, expect, it } from 'vitest';
import { deployDir, writeBundle } from './support/bundle.js';

const run = promisify(execFile);
const unitPath = path.join(deployDir, 'systemd', 'ads-server.service');
const unit = readFileSync(unitPath, 'utf8');
const folder = mkdtempSync(path.join(tmpdir(), 'ads-systemd-'));
let gateway: GatewayProcess | undefined;
afterAll(async () => {
  await gateway?.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
});

/** What systemd-analyze verify says about a unit file: nothing when it is sound. */
function verify(file: string): string {
  const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
  expect(result.error).toBeUndefined();
  return `${result.stdout}${result.stderr}`.trim();
}

it('passes systemd-analyze verify, which does catch a bad unit', () => {
  const copy = path.join(folder, 'ads-server.service');
  copyFileSync(unitPath, copy);
  expect(verify(copy)).toBe('');
  const broken = path.join(folder, 'broken.service');
  writeFileSync(broken, unit.replace('Type=simple', 'Type=simpel'));
  expect(verify(broken)).toContain('Failed to parse service type');
});

it('runs the bundle with the ExecStart line and the Environment= settings of the unit', async () => {
  const bundle = await writeBundle();
  const setting = (name: string) =>
    [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((match) => match[1] as string);
  const [execStart] = setting('ExecStart');
  const [node, bin, command] = (execStart as string).split(' ');
  expect(node).toBe('/usr/bin/node');
  expect(bin).toBe('/opt/ads-server/bin/ads-server.js');
  expect(command).toBe('start');
  const environment = Object.fromEntries(
    setting('Environment').map((pair) => pair.split('=', 2) as [string, string]),
  );
  expect(environment.ADS_DATA_DIR).toBe(setting('StateDirectory').map((dir) => `/var/lib/${dir}`)[0]);
  // The unit's settings, with this run's folder for /var/lib and a free port.
  gateway = await spawnGateway(
    (bin as string).replace('/opt/ads-server', bundle.dir),
    {
      ...environment,
      PORT: String(await freePort()),
      ADS_DATA_DIR: path.join(folder, 'state'),
      DATABASE_URL: '',
    },
    { cwd: folder },
  );
  const health = await fetch(`${gateway.url}/healthz`);
  expect(health.status).toBe(200);
  // The unit's reload is SIGHUP: the gateway reloads its prices and keeps serving.
  await run('kill', ['-HUP', String(gateway.child.pid)]);
  const started = gateway;
  await expect
    .poll(() => started.output().stderr, { timeout: 30_000 })
    .toContain('SIGHUP, 0 price rules loaded');
  expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  rmSync(path.dirname(bundle.dir), { recursive: true, force: true });
});
