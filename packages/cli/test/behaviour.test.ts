import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunningGateway } from '@ads/testing';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliGateway } from './support/cli-gateway.js';
import { runAds } from './support/run-ads.js';

const setup = useCliGateway();
let gateway: RunningGateway;
let folder: string;
let loggedIn: Record<string, string>;

beforeAll(() => {
  ({ gateway, folder } = setup);
  loggedIn = { ADS_HOST: gateway.url, ADS_API_KEY: gateway.apiKey };
});

const ads = (args: string[], environment: Record<string, string> = loggedIn) =>
  runAds(args, { cwd: folder, environment });
const sandbox = ['--provider', 'sandbox', '--model', 'sandbox-video'];

describe('usage errors: exit code 2, nothing sent', () => {
  it.each([
    [['video', 'generate', '--bogus']],
    [['video', 'generate', '--prompt', 'x', '--timeout', 'soon']],
    [['video', 'generate', '--prompt', 'x', '--scene', 'sideways']],
    [['video', 'generate', '--prompt', 'x', '--options', '{not json']],
    [['video', 'generate', '--prompt', 'x', '--options', '[1,2]']],
    [['video', 'query']],
    [['videos', 'generate']],
    [['actions', 'schema']],
  ])('ads %j', async (args) => {
    const tasksBefore = await gatewayTaskCount();
    const run = await ads(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ads: /);
    expect(run.stderr).toContain('ads --help');
    const json = await ads([...args, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'usage_error' } });
    expect(await gatewayTaskCount()).toBe(tasksBefore);
  });

  it('--help documents the exit codes and exits 0', async () => {
    const run = await ads(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit codes:');
    expect(run.stdout).toMatch(/5 {2}timeout/);
    const sub = await ads(['video', 'generate', '--help']);
    expect(sub.stdout).toContain('--image-input <urls>');
    expect(sub.stdout).toContain('--timeout <number>');
  });
});

async function gatewayTaskCount(): Promise<number> {
  const response = await fetch(`${gateway.url}/v1/tasks?limit=100`, {
    headers: { authorization: `Bearer ${gateway.apiKey}` },
  });
  return ((await response.json()) as { data: unknown[] }).data.length;
}

describe('errors in the command’s own terms', () => {
  it.each([
    [
      ['video', 'generate', '--scene', 'text-to-video', ...sandbox],
      '--prompt is required for --scene text-to-video',
    ],
    [
      ['video', 'generate', '--prompt', 'x', '--scene', 'image-to-video', ...sandbox],
      '--image-input is required for --scene image-to-video',
    ],
    [
      ['video', 'generate', '--prompt', 'waves', '--model', 'nope'],
      'unknown model "nope" — run: ads models list',
    ],
  ])('ads %j names the flag, exit 2, nothing created', async (args, message) => {
    const tasksBefore = await gatewayTaskCount();
    const run = await ads(args);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/imageInput|image_input|POST \//);
    expect(await gatewayTaskCount()).toBe(tasksBefore);
  });

  it('a host without a scheme gets the URL it meant; a host that is not a gateway is named as such', async () => {
    const bare = await ads(
      ['login', '--host', gateway.url.replace('http://', ''), '--api-key', gateway.apiKey],
      {},
    );
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(`Did you mean --host ${gateway.url}?`);
    const page = createServer((_request, response) => {
      response
        .writeHead(404, { 'content-type': 'text/html' })
        .end('<html><body><h1>Not Found</h1></body></html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    try {
      const host = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
      const other = await ads(['login', '--host', host, '--api-key', 'sk-anything'], {});
      expect(other.code).toBe(1);
      expect(other.stderr).toContain('this is not an ads gateway');
      expect(other.stderr).not.toContain('<html>');
    } finally {
      page.close();
    }
  });

  it('--timeout below 1000 says it is in milliseconds', async () => {
    const run = await ads([
      'video',
      'generate',
      '--prompt',
      'waves',
      ...sandbox,
      '--timeout',
      '30',
      '--dry-run',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      '--timeout 30 is in milliseconds (0.03 s); for 30 seconds pass --timeout 30000',
    );
  });

  it('Ctrl-C during video generate prints the whole task id and the command that resumes the wait', async () => {
    let sent = false;
    const run = await runAds(
      [
        'video',
        'generate',
        '--prompt',
        'a long one',
        ...sandbox,
        '--options',
        '{"run_seconds": 60}',
        '--out',
        'long.mp4',
      ],
      {
        cwd: folder,
        environment: loggedIn,
        onStderr: (stderr, child) => {
          if (!sent && /task [0-9a-f-]{36}/.test(stderr)) {
            sent = true;
            child.kill('SIGINT');
          }
        },
      },
    );
    expect(run.code).toBe(130);
    const taskId = /task ([0-9a-f-]{36})/.exec(run.stderr)?.[1] as string;
    expect(run.stderr).toContain(
      `Resume waiting with: ads video query --task-id ${taskId} --wait --out long.mp4`,
    );
    const query = await ads(['video', 'query', '--task-id', taskId, '--json']);
    expect(query.code, query.stderr).toBe(0);
    expect(JSON.parse(query.stdout).status).toMatch(/pending|running/);
  });
});

describe('auth: exit code 3 and the next step', () => {
  it('says how to log in when nothing is configured', async () => {
    const run = await ads(['account'], {});
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Not logged in');
    expect(run.stderr).toContain('ads login --host');
    const json = await ads(['account', '--json'], {});
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'not_logged_in' } });
  });

  it('refuses a bad key at login and saves nothing', async () => {
    const run = await ads(['login', '--host', gateway.url, '--api-key', 'sk-wrong'], {});
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${gateway.url} refused the credentials`);
    expect(existsSync(path.join(folder, 'config/ads/config.json'))).toBe(false);
  });

  it('needs the admin token for admin commands', async () => {
    const run = await ads(['admin', 'workspaces', 'list']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--admin-token');
  });

  it('logout forgets the saved login', async () => {
    expect((await ads(['login', '--host', gateway.url, '--api-key', gateway.apiKey], {})).code).toBe(0);
    expect((await ads(['account', '--json'], {})).code).toBe(0);
    const out = await ads(['logout'], {});
    expect(out.code).toBe(0);
    expect((await ads(['account'], {})).code).toBe(3);
  });
});

describe('task outcomes', () => {
  it('a failed task: exit 4, the task with its error as the JSON document', async () => {
    const run = await ads([
      'video',
      'generate',
      '--prompt',
      'x',
      ...sandbox,
      '--options',
      '{"fail":true}',
      '--json',
    ]);
    expect(run.code).toBe(4);
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({
      status: 'failed',
      provider: 'sandbox',
      error: { message: expect.any(String) },
    });
    const human = await ads(['video', 'generate', '--prompt', 'x', ...sandbox, '--options', '{"fail":true}']);
    expect(human.code).toBe(4);
    expect(human.stderr).toMatch(/ads: Task [0-9a-f-]+ failed/);
  });

  it('a timeout: exit 5, names the task and the command that resumes the wait', async () => {
    const slow = ['video', 'generate', '--prompt', 'x', ...sandbox, '--options', '{"run_seconds":60}'];
    const run = await ads([...slow, '--timeout', '300']);
    expect(run.code).toBe(5);
    const taskId = run.stderr.match(/Task ([0-9a-f-]{36}) is still/)?.[1];
    expect(taskId).toBeDefined();
    expect(run.stderr).toContain(`ads video query --task-id ${taskId} --wait`);
    const json = await ads([...slow, '--timeout', '300', '--json']);
    expect(json.code).toBe(5);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: expect.stringMatching(/pending|running/),
      error: { code: 'wait_timeout' },
    });
  });

  it('--no-wait creates at once; video query --wait --out finishes the job', async () => {
    const created = await ads(['video', 'generate', '--prompt', 'later', ...sandbox, '--no-wait', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const { taskId, status } = JSON.parse(created.stdout);
    expect(status).toMatch(/pending|running/);
    const waited = await ads([
      'video',
      'query',
      '--task-id',
      taskId,
      '--wait',
      '--out',
      'later/video.mp4',
      '--json',
    ]);
    expect(waited.code, waited.stderr).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({
      taskId,
      status: 'success',
      localPath: 'later/video.mp4',
    });
    expect(existsSync(path.join(folder, 'later/video.mp4'))).toBe(true);
  });

  it('--image-input with a local path uploads it first and animates it; a missing path is a usage error', async () => {
    const image = new PNG({ width: 48, height: 27 });
    image.data.fill(90);
    writeFileSync(path.join(folder, 'ref.png'), PNG.sync.write(image));
    const run = await ads([
      'video',
      'generate',
      '--prompt',
      'slow push-in',
      '--scene',
      'image-to-video',
      '--image-input',
      './ref.png',
      ...sandbox,
      '--out',
      'pushed.mp4',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/uploaded \.\/ref\.png as file_[A-Za-z0-9]{24} \(image\/png/);
    expect(existsSync(path.join(folder, 'pushed.mp4'))).toBe(true);

    const tasksBefore = await gatewayTaskCount();
    const missing = await ads([
      'video',
      'generate',
      '--prompt',
      'x',
      '--image-input',
      './nope.jpg',
      ...sandbox,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--image-input ./nope.jpg: no such file');
    expect(await gatewayTaskCount()).toBe(tasksBefore);
  });

  it('402: exit 1 with the balance and the price', async () => {
    const admin = ['--admin-token', gateway.adminToken];
    const workspace = JSON.parse(
      (await ads(['admin', 'workspaces', 'create', '--name', 'broke', '--json', ...admin])).stdout,
    );
    const key = JSON.parse(
      (await ads(['admin', 'keys', 'create', '--workspace-id', workspace.id, '--json', ...admin])).stdout,
    );
    const broke = { ADS_HOST: gateway.url, ADS_API_KEY: key.api_key };
    const run = await ads(['video', 'generate', '--prompt', 'paid', '--scene', 'text-to-video'], broke);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the balance is 0 and this task costs 6');
    const json = await ads(['video', 'generate', '--prompt', 'paid', '--json'], broke);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'insufficient_credits', details: { balance: 0, price: 6 } },
    });
  });
});

describe('the other commands', () => {
  it('models list, video list, video cancel and account', async () => {
    const models = await ads(['models', 'list', '--scene', 'image-to-video']);
    expect(models.code, models.stderr).toBe(0);
    expect(models.stdout).toContain('kie/wan/2-7-image-to-video');
    // Hundreds of models, one table that fits 100 columns.
    const lines = models.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    const found = JSON.parse((await ads(['models', 'list', '--search', 'KLING', '--json'])).stdout);
    expect(found.data.length).toBeGreaterThan(10);
    expect(found.data.every((model: { id: string }) => model.id.toLowerCase().includes('kling'))).toBe(true);
    const list = JSON.parse((await ads(['video', 'list', '--limit', '2', '--json'])).stdout);
    expect(list).toMatchObject({ object: 'list' });
    expect(list.data.length).toBeLessThanOrEqual(2);
    const created = JSON.parse(
      (
        await ads([
          'video',
          'generate',
          '--prompt',
          'stop',
          // A two-minute sandbox job: still running when the cancel arrives, however slow the machine.
          '--model',
          'sandbox/sandbox-video',
          '--options',
          '{"run_seconds":120}',
          '--no-wait',
          '--json',
        ])
      ).stdout,
    );
    const cancel = await ads(['video', 'cancel', '--task-id', created.taskId, '--json']);
    expect(cancel.code, cancel.stdout).toBe(0);
    expect(JSON.parse(cancel.stdout)).toMatchObject({ taskId: created.taskId, status: 'canceled' });
    const account = await ads(['account']);
    expect(account.stdout).toMatch(/balance: +\d+ credits/);
  });

  it('video delete-files removes a finished task’s stored video, once', async () => {
    const made = JSON.parse(
      (
        await ads([
          'video',
          'generate',
          '--prompt',
          'keep briefly',
          '--model',
          'sandbox/sandbox-video',
          '--json',
        ])
      ).stdout,
    );
    expect(made.status).toBe('success');
    expect((await fetch(made.videoUrl)).status).toBe(200);
    const deleted = await ads(['video', 'delete-files', '--task-id', made.taskId]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain(`videos of task ${made.taskId} deleted at`);
    const again = JSON.parse(
      (await ads(['video', 'delete-files', '--task-id', made.taskId, '--json'])).stdout,
    );
    expect(again).toMatchObject({ id: made.taskId, videos: [] });
    expect((await fetch(made.videoUrl)).status).toBe(404);
  });

  it('webhooks: a private URL is refused naming the flag; the signing secret shows and rotates', async () => {
    const refused = await ads(['webhooks', 'add', '--url', 'http://127.0.0.1:9/hook']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--url: .*not a public address/);
    const callback = await ads([
      'video',
      'generate',
      '--prompt',
      'x',
      ...sandbox,
      '--callback-url',
      'http://10.0.0.1/cb',
    ]);
    expect(callback.code).not.toBe(0);
    expect(callback.stderr).toMatch(/--callback-url: .*not a public address/);
    const listed = JSON.parse((await ads(['webhooks', 'list', '--json'])).stdout);
    expect(listed).toMatchObject({ object: 'list', data: [], webhooks_disabled: false });
    expect((await ads(['webhooks', 'list'])).stdout).toContain('ads webhooks add --url');
    const secret = (await ads(['webhooks', 'secret'])).stdout.trim();
    expect(secret).toMatch(/^whsec_/);
    const rotated = JSON.parse((await ads(['webhooks', 'secret', '--rotate', '--json'])).stdout);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    expect((await ads(['webhooks', 'secret'])).stdout.trim()).toBe(rotated.secret);
    const missing = await ads(['webhooks', 'deliveries', '--id', 'whk_nope']);
    expect(missing.stderr).toContain('No webhook endpoint whk_nope');
  });

  it('admin commands: workspaces, credits and keys', async () => {
    const admin = { ...loggedIn, ADS_ADMIN_TOKEN: gateway.adminToken };
    const workspace = JSON.parse(
      (await ads(['admin', 'workspaces', 'create', '--name', 'cli', '--credits', '3', '--json'], admin))
        .stdout,
    );
    const topped = await ads(
      ['admin', 'credits', 'add', '--workspace-id', workspace.id, '--amount', '4', '--json'],
      admin,
    );
    expect(JSON.parse(topped.stdout).workspace.balance).toBe(7);
    const listed = await ads(['admin', 'workspaces', 'list'], admin);
    expect(listed.stdout).toContain(workspace.id);
    const key = JSON.parse(
      (await ads(['admin', 'keys', 'create', '--workspace-id', workspace.id, '--json'], admin)).stdout,
    );
    const keys = await ads(['admin', 'keys', 'list', '--workspace-id', workspace.id], admin);
    expect(keys.stdout).toContain(key.prefix);
    const limited = await ads(
      ['admin', 'keys', 'update', '--key-id', key.id, '--spend-limit', '6', '--period', 'day', '--json'],
      admin,
    );
    expect(JSON.parse(limited.stdout)).toMatchObject({
      spend_limit: 6,
      spend_period: 'day',
      rate_limit: null,
    });
    const off = await ads(['admin', 'keys', 'update', '--key-id', key.id, '--spend-limit', 'none'], admin);
    expect(off.stdout, off.stderr).toContain('spend limit: none');
    const badPeriod = await ads(['admin', 'keys', 'update', '--key-id', key.id, '--period', 'week'], admin);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.stderr).toContain('--period');
    const revoked = await ads(['admin', 'keys', 'revoke', '--key-id', key.id, '--json'], admin);
    expect(JSON.parse(revoked.stdout).revoked_at).not.toBeNull();
  });

  it('video generate --dry-run quotes without creating, and account ledger lists the entries', async () => {
    const before = JSON.parse((await ads(['video', 'list', '--json'])).stdout).data.length;
    const quoted = await ads(['video', 'generate', '--prompt', 'dunes', ...sandbox, '--dry-run']);
    expect(quoted.code).toBe(0);
    expect(quoted.stdout).toContain('price:    0 credits (the scene price)');
    expect(quoted.stdout).toContain('accepted: yes');
    const json = JSON.parse(
      (await ads(['video', 'generate', '--prompt', 'dunes', '--dry-run', '--json'])).stdout,
    );
    expect(json).toMatchObject({ object: 'video.quote', accepted: true, basis: { source: 'scene' } });
    expect(JSON.parse((await ads(['video', 'list', '--json'])).stdout).data).toHaveLength(before);

    const admin = ['--admin-token', gateway.adminToken];
    const workspace = JSON.parse(
      (await ads(['admin', 'workspaces', 'create', '--name', 'quoted', '--json', ...admin])).stdout,
    );
    const key = JSON.parse(
      (await ads(['admin', 'keys', 'create', '--workspace-id', workspace.id, '--json', ...admin])).stdout,
    );
    const broke = { ADS_HOST: gateway.url, ADS_API_KEY: key.api_key };
    const refused = await ads(['video', 'generate', '--prompt', 'paid', '--dry-run', '--json'], broke);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      accepted: false,
      refusal: { code: 'insufficient_credits' },
    });

    const ledger = await ads(['account', 'ledger', '--limit', '3']);
    expect(ledger.code).toBe(0);
    expect(ledger.stdout.split('\n')[0]).toMatch(/^TIME\s+KIND\s+CREDITS\s+TASK\s+NOTE/);
    const page = JSON.parse((await ads(['account', 'ledger', '--kind', 'top_up', '--json'])).stdout);
    expect(page.data.every((entry: { kind: string }) => entry.kind === 'top_up')).toBe(true);
  });
});
