// Runs the Quickstart page as a newcomer would, against a real gateway: every `sh` block in bash,
// the `js` program with node, and each `json` block compared with what the command before it
// printed. What the test changes, and why:
// - `... pnpm start` lines start the already-built gateway (`node scripts/start.mjs`, what
//   `pnpm start` runs after building), on a free port with a fresh data folder, keeping the line's
//   own variables. The install line itself is the README's first command, run by CI as written.
// - `127.0.0.1:8787` becomes that port, and `sk-...` the key the gateway printed.
// - Provider keys (`your-kie-api-key`, `your-fal-key`) become the kie and fal emulators' keys, and
//   their base URLs point at the emulators: no real provider is called.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type Emulators,
  falTestKey,
  freePort,
  type GatewayProcess,
  kieTestKey,
  spawnGateway,
  startEmulators,
} from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSamples, lastJsonObject } from './support/code-samples.js';

const docsRoot = path.resolve(import.meta.dirname, '..');
const repositoryRoot = path.resolve(docsRoot, '../..');
const quickstart = readFileSync(path.join(docsRoot, 'content/guide/quickstart.md'), 'utf8');
const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
const startScript = path.join(repositoryRoot, 'scripts/start.mjs');
// Inside apps/docs, so `@ads/sdk` and `pnpm ads` resolve as they do in the repository root.
const workFolder = path.join(docsRoot, '.quickstart');
const installLine = 'npm install -g pnpm@10.34.9 && pnpm install && pnpm start';

function run(script: string, environment: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'bash',
      ['-euo', 'pipefail', '-c', script],
      { cwd: workFolder, env: environment, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('every code sample of the Quickstart works against a real gateway', () => {
  let emulators: Emulators;
  let gateway: GatewayProcess | undefined;
  let port: number;
  let apiKey = '';
  let firstUser: GatewayProcess['firstUser'];
  const dataFolder = path.join(workFolder, 'data');

  beforeAll(async () => {
    rmSync(workFolder, { recursive: true, force: true });
    mkdirSync(workFolder, { recursive: true });
    [emulators, port] = await Promise.all([startEmulators(), freePort()]);
  });
  afterAll(async () => {
    await gateway?.kill('SIGTERM');
    await emulators?.close();
    rmSync(workFolder, { recursive: true, force: true });
  });

  const providerWiring = (): Record<string, Record<string, string>> => ({
    'your-kie-api-key': { KIE_API_KEY: kieTestKey, KIE_BASE_URL: emulators.kie.url },
    'your-fal-key': {
      FAL_KEY: falTestKey,
      FAL_QUEUE_URL: emulators.fal.url,
      FAL_JWKS_URL: emulators.fal.jwksUrl,
    },
  });

  async function startLine(line: string): Promise<void> {
    const assignments = line === installLine ? [] : line.replace(/ pnpm start$/, '').split(/\s+/);
    const environment: Record<string, string> = {
      PORT: String(port),
      HOST: '127.0.0.1',
      ADS_DATA_DIR: dataFolder,
      DATABASE_URL: '',
      ADS_SANDBOX_RUN_SECONDS: '1',
      ADS_POLL_SCALE: '0.02',
      KIE_API_KEY: '',
      FAL_KEY: '',
    };
    for (const assignment of assignments) {
      const [, value] = assignment.split('=');
      const wiring = providerWiring()[value ?? ''];
      if (!wiring)
        throw new Error(`The Quickstart starts the gateway with ${assignment}, which this test cannot wire.`);
      Object.assign(environment, wiring);
    }
    await gateway?.kill('SIGTERM');
    gateway = await spawnGateway(startScript, environment);
    apiKey ||= gateway.firstKey ?? '';
    firstUser ??= gateway.firstUser;
  }

  it('runs them in order', async () => {
    const samples = codeSamples(quickstart);
    const environment: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('ADS_') && name !== 'INIT_CWD'),
    );
    environment.XDG_CONFIG_HOME = path.join(workFolder, 'config');
    let exports = '';
    let lastOutput = '';
    let servedVideos = 0;
    const ran: string[] = [];
    const substitute = (code: string) =>
      code.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`).replaceAll('sk-...', apiKey);

    for (const sample of samples) {
      if (sample.language === 'text') {
        expect(sample.code).toContain('ads: your API key (shown this once, store it now): sk-...');
        expect(sample.code).toContain('sign in as admin@example.com with the password');
        continue;
      }
      if (sample.language === 'json') {
        const printed = lastJsonObject(lastOutput);
        const documented = JSON.parse(sample.code) as Record<string, unknown>;
        expect(printed, `after: ${ran.at(-1)}`).toBeDefined();
        expect(Object.keys(printed ?? {})).toEqual(expect.arrayContaining(Object.keys(documented)));
        for (const key of ['status', 'provider', 'scene', 'object'])
          if (key in documented) expect(printed?.[key], key).toEqual(documented[key]);
        // Every finished video, the sandbox's and the provider's alike, is served from the gateway's storage.
        const videoUrl = (printed?.videoUrl ?? (printed?.data as { videoUrls?: string[] })?.videoUrls?.[0]) as
          | string
          | undefined;
        if (videoUrl) {
          expect(videoUrl).toMatch(
            new RegExp(`^http://127\\.0\\.0\\.1:${port}/v1/tasks/[^/]+/videos/0\\.mp4\\?expires=`),
          );
          const file = Buffer.from(await (await fetch(videoUrl)).arrayBuffer());
          expect(file.subarray(4, 8).toString('latin1')).toBe('ftyp');
          servedVideos += 1;
        }
        continue;
      }
      if (sample.language === 'js') {
        const file = sample.lead.match(/Save this program as `([^`]+)`/)?.[1];
        expect(file, 'the page names the file to save the program as').toBeDefined();
        writeFileSync(path.join(workFolder, file as string), substitute(sample.code));
        ran.push(`(saved ${file})`);
        continue;
      }
      expect(sample.language).toBe('sh');
      const startLines = sample.code.split('\n').filter((line) => line.trim().endsWith('pnpm start'));
      if (startLines.length) {
        expect(sample.code.trim()).toBe(startLines[0]?.trim());
        if (startLines[0] === installLine) expect(readme).toContain(installLine);
        await startLine((startLines[0] as string).trim());
        ran.push(sample.code.trim());
        continue;
      }
      const code = substitute(sample.code);
      const result = await run(`${exports}\n${code}`, environment);
      expect(result.code, `${code}\n${result.stderr}`).toBe(0);
      exports += code
        .split('\n')
        .filter((line) => line.startsWith('export '))
        .join('\n');
      lastOutput = result.stdout;
      ran.push(`${code}\n${result.stdout}`);
    }

    expect(apiKey).toMatch(/^sk-/);
    // Step 2: the console's first user, printed beside the key, signs in (the console's own tests
    // drive its pages in Chromium).
    expect(firstUser?.email).toBe('admin@example.com');
    const signIn = await fetch(`http://127.0.0.1:${port}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(firstUser),
    });
    expect(signIn.status).toBe(200);
    const home = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
    expect(await home.text()).toContain('<div id="root">');
    // What the page says happened did: the CLI saved a playable MP4, the SDK program reported success,
    // and the last request, after the restart with a fal key, was served by fal.
    const video = readFileSync(path.join(workFolder, 'output/waves.mp4'));
    expect(video.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(ran.find((entry) => entry.startsWith('node first-video.mjs'))).toMatch(
      /\nsuccess http:\/\/\S+\/videos\/0\.mp4\?expires=\S+\n/,
    );
    // The sandbox's answers (steps 4 and 5) and the emulated kie one (step 8).
    expect(servedVideos).toBe(3);
    expect(lastJsonObject(lastOutput)?.provider).toBe('fal');
    expect(ran.filter((entry) => entry.endsWith('pnpm start'))).toHaveLength(3);
  });
});
