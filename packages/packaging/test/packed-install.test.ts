import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, type GatewayProcess, spawnGateway } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repository = path.resolve(import.meta.dirname, '../../..');

/** What a user installs, and what those depend on: every package that is published. */
const published = [
  'packages/vocabulary',
  'packages/contract',
  'packages/providers/core',
  'packages/providers/kie',
  'packages/providers/fal',
  'packages/providers/sandbox',
  'packages/storage',
  'apps/console',
  'packages/server',
  'packages/sdk',
  'packages/cli',
  'packages/ai-sdk-provider',
];

const folder = mkdtempSync(path.join(tmpdir(), 'ads-packed-'));
const tarballs = path.join(folder, 'tarballs');
const app = path.join(folder, 'app');
const bin = (name: string) => path.join(app, 'node_modules', '.bin', name);
let gateway: GatewayProcess | undefined;
let apiKey = '';

beforeAll(async () => {
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(app, { recursive: true });
  for (const directory of published) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: path.join(repository, directory) });
  }
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'an-ads-user', private: true, type: 'module' }),
  );
  const files = published.map((directory) => {
    const manifest = JSON.parse(readFileSync(path.join(repository, directory, 'package.json'), 'utf8'));
    return path.join(tarballs, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
  });
  // As a user would: npm, in a folder outside the repository, from the registry for everything else.
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...files], {
    cwd: app,
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const port = await freePort();
  gateway = await spawnGateway(path.join(app, 'node_modules', '@ads', 'server', 'bin', 'ads-server.js'), {
    PORT: String(port),
    HOST: '127.0.0.1',
    ADS_DATA_DIR: path.join(folder, 'data'),
    DATABASE_URL: '',
    ADS_SANDBOX_RUN_SECONDS: '1',
    ADS_POLL_SCALE: '0.05',
  });
  apiKey = gateway.firstKey ?? '';
}, 900_000);

afterAll(async () => {
  await gateway?.kill('SIGTERM');
});

describe('the packed packages, installed with npm outside the repository', () => {
  it('leave no workspace: protocol in any packed manifest, and each carries its README and licence', async () => {
    for (const directory of published) {
      const manifest = JSON.parse(readFileSync(path.join(repository, directory, 'package.json'), 'utf8'));
      const installed = path.join(app, 'node_modules', manifest.name);
      const text = readFileSync(path.join(installed, 'package.json'), 'utf8');
      expect(text, manifest.name).not.toContain('workspace:');
      expect(JSON.parse(text).publishConfig, manifest.name).toEqual({ access: 'public' });
      expect(readFileSync(path.join(installed, 'README.md'), 'utf8').length, manifest.name).toBeGreaterThan(
        100,
      );
      expect(readFileSync(path.join(installed, 'LICENSE'), 'utf8'), manifest.name).toContain('MIT License');
    }
  });

  it('ads-server starts on its embedded defaults; ads login and ads video generate --out work against it', async () => {
    expect(apiKey).toMatch(/^sk-/);
    // A user's shell: no ADS_* of the test runner, a config folder of its own.
    const environment: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('ADS_')),
    );
    environment.XDG_CONFIG_HOME = path.join(folder, 'config');
    const login = await run(
      bin('ads'),
      ['login', '--host', gateway?.url ?? '', '--api-key', apiKey, '--json'],
      {
        cwd: app,
        env: environment,
      },
    );
    expect(JSON.parse(login.stdout)).toMatchObject({ host: gateway?.url, balance: 1000 });
    const generated = await run(
      bin('ads'),
      ['video', 'generate', '--prompt', 'waves at dawn', '--out', 'waves.mp4', '--json'],
      {
        cwd: app,
        env: environment,
      },
    );
    expect(JSON.parse(generated.stdout)).toMatchObject({ status: 'success', localPath: 'waves.mp4' });
    expect(readFileSync(path.join(app, 'waves.mp4')).subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('serves the console from the installed @ads/console, and its first user signs in', async () => {
    const page = await fetch(`${gateway?.url}/sign-in`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${gateway?.url}${script}`)).status).toBe(200);
    const signIn = await fetch(`${gateway?.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(gateway?.firstUser),
    });
    expect(signIn.status).toBe(200);
  });

  it('an SDK script and an AI SDK provider import what was installed and generate', async () => {
    writeFileSync(
      path.join(app, 'sdk.mjs'),
      `import { createClient } from '@ads/sdk';
const ads = createClient({ baseUrl: process.env.ADS_HOST, apiKey: process.env.ADS_API_KEY });
const task = await ads.generateAndWait({ prompt: 'rain on glass', scene: 'text-to-video' });
const { createAds } = await import('@ads/ai-sdk-provider');
const model = createAds({ baseURL: process.env.ADS_HOST, apiKey: process.env.ADS_API_KEY }).video('sandbox/sandbox-video');
console.log(JSON.stringify({ status: task.status, videoUrl: task.videoUrl, model: model.modelId }));
`,
    );
    const { stdout } = await run(process.execPath, ['sdk.mjs'], {
      cwd: app,
      env: { ...process.env, ADS_HOST: gateway?.url ?? '', ADS_API_KEY: apiKey },
    });
    expect(JSON.parse(stdout)).toMatchObject({ status: 'success', model: 'sandbox/sandbox-video' });
  });
});
