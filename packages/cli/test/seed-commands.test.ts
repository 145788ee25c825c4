import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { inspectMp4 } from '@ads/provider/testing';
import type { RunningGateway } from '@ads/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliGateway } from './support/cli-gateway.js';
import { runAds } from './support/run-ads.js';
import { seedCommandLines } from './support/seed-commands.js';

const seedLines = seedCommandLines();
const guideHost = 'https://modkie.com';
const guideKey = 'sk-xxxxxxxx';

const setup = useCliGateway();
let gateway: RunningGateway;
let folder: string;

beforeAll(() => {
  ({ gateway, folder } = setup);
});

/** A guide command with the host and key swapped for the test gateway's. */
function swapped(argv: string[], taskId = ''): string[] {
  return argv.map((word) =>
    word.replace(guideHost, gateway.url).replace(guideKey, gateway.apiKey).replace('<uuid>', taskId),
  );
}

function seedLine(prefix: string, contains = ''): string[] {
  const line = seedLines?.find(
    (argv) => argv.join(' ').startsWith(prefix) && argv.join(' ').includes(contains),
  );
  if (!line) throw new Error(`the guide has no "pnpm ads ${prefix}" line`);
  return line;
}

describe.skipIf(!seedLines)('the CLI & API guide, command by command (host and key swapped)', () => {
  let motionTaskId = '';

  it('finds every command of the guide', () => {
    expect(seedLines?.map((argv) => argv.slice(0, 2).join(' '))).toEqual([
      'login --host',
      'video generate',
      'video generate',
      'video query',
      'actions list',
      'actions schema',
    ]);
  });

  it('ads login saves the host and key in a file only its owner can read', async () => {
    const run = await runAds(swapped(seedLine('login')), { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    const config = path.join(folder, 'config/ads/config.json');
    expect((await stat(config)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(config))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(config, 'utf8'))).toEqual({ host: gateway.url, apiKey: gateway.apiKey });
  });

  it('generates text-to-video with the default model and writes a playable MP4 to --out', async () => {
    const argv = swapped(seedLine('video generate', 'text-to-video'));
    expect(argv).toContain('--out');
    const run = await runAds(argv, { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('kie/bytedance/seedance-2-mini');
    const video = await readFile(path.join(folder, 'output/video.mp4'));
    expect(inspectMp4(video).durationSeconds).toBeGreaterThan(0);
  });

  it('generates image-to-video with --json: one document in the guide’s shape, and the MP4', async () => {
    const run = await runAds(swapped(seedLine('video generate', 'image-to-video')), { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(Object.keys(document)).toEqual([
      'taskId',
      'status',
      'videoUrl',
      'localPath',
      'url',
      'provider',
      'model',
    ]);
    expect(document).toMatchObject({
      status: 'success',
      localPath: './output/motion.mp4',
      provider: 'kie',
      model: 'wan/2-7-image-to-video',
    });
    expect(document.url).toBe(document.videoUrl);
    expect(run.stderr).toBe('');
    motionTaskId = document.taskId;
    const video = await readFile(path.join(folder, 'output/motion.mp4'));
    expect(inspectMp4(video).durationSeconds).toBeGreaterThan(0);
  });

  it('queries the task with --json', async () => {
    const run = await runAds(swapped(seedLine('video query'), motionTaskId), { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      taskId: motionTaskId,
      status: 'success',
      provider: 'kie',
    });
  });

  it('ads actions list prints what GET /api/actions says', async () => {
    const served = await fetch(`${gateway.url}/api/actions`, {
      headers: { authorization: `Bearer ${gateway.apiKey}` },
    }).then((response) => response.json() as Promise<{ actions: { name: string; path: string }[] }>);
    const run = await runAds(seedLine('actions list'), { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    for (const action of served.actions) {
      expect(run.stdout).toContain(action.name);
      expect(run.stdout).toContain(action.path);
    }
    const json = await runAds([...seedLine('actions list'), '--json'], { cwd: folder });
    expect(JSON.parse(json.stdout)).toEqual(served);
  });

  it('ads actions schema ai.video.generate_and_wait prints the server’s schema', async () => {
    const argv = seedLine('actions schema');
    expect(argv).toEqual(['actions', 'schema', 'ai.video.generate_and_wait']);
    const served = await fetch(`${gateway.url}/api/actions/ai.video.generate_and_wait/schema`, {
      headers: { authorization: `Bearer ${gateway.apiKey}` },
    }).then((response) => response.json());
    const run = await runAds(argv, { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(served);
  });
});
