import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { useGateway } from './support/gateway.js';

const setup = useGateway();

const sandbox = { provider: 'sandbox', model: 'sandbox-video' } as const;

describe('every SDK method against a running gateway', () => {
  it('lists the actions and reads an action schema', async () => {
    const { actions } = await setup.ads.actions.list();
    expect(actions.map((action) => action.name)).toEqual(
      expect.arrayContaining(['ai.video.generate', 'ai.video.generate_and_wait', 'ai.video.query']),
    );
    const schema = await setup.ads.actions.schema('ai.video.generate_and_wait');
    expect(schema.input).toMatchObject({ type: 'object' });
    expect(Object.keys(schema.input.properties as object)).toContain('timeoutMs');
  });

  it('creates with ai.video.generate, reads with ai.video.query and the REST task, both agree', async () => {
    const created = await setup.ads.actions.generate({ prompt: 'a lighthouse at dusk', ...sandbox });
    expect(created).toMatchObject({ status: expect.stringMatching(/pending|running/), provider: 'sandbox' });
    const queried = await setup.ads.actions.query(created.taskId);
    expect(queried.taskId).toBe(created.taskId);
    const rest = await setup.ads.tasks.get(created.taskId);
    expect(rest).toMatchObject({ id: created.taskId, object: 'video.generation.task' });
  });

  it('holds ai.video.generate_and_wait on the server until the task ends', async () => {
    const task = await setup.ads.actions.generateAndWait({ prompt: 'waves', ...sandbox, timeoutMs: 30_000 });
    expect(task.status).toBe('success');
    expect(task.videoUrl).toMatch(
      new RegExp(
        `^http://127\\.0\\.0\\.1:\\d+/v1/tasks/${task.taskId}/videos/0\\.mp4\\?expires=\\d+&signature=`,
      ),
    );
    expect(task.videos[0]).toMatchObject({ stored: true, contentType: 'video/mp4' });
  });

  it('polls with client.generateAndWait and reports progress until success', async () => {
    const seen: string[] = [];
    const task = await setup.ads.generateAndWait(
      { prompt: 'a red kite over hills', ...sandbox },
      { pollIntervalMs: 100, onProgress: ({ task: current }) => seen.push(current.status) },
    );
    expect(task.status).toBe('success');
    expect(task.videoUrl).toBe(task.url);
    expect(seen.at(-1)).toBe('success');
    expect(seen.length).toBeGreaterThan(1);
  });

  it('creates through POST /v1/videos/generations and lists the tasks', async () => {
    const task = await setup.ads.videos.create({
      prompt: 'rain on glass',
      scene: 'text-to-video',
      ...sandbox,
    });
    expect(task).toMatchObject({ object: 'video.generation.task', data: { mediaType: 'video' } });
    const page = await setup.ads.tasks.list({ limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    const next = await setup.ads.tasks.list({ limit: 2, cursor: page.next_cursor ?? undefined });
    expect(next.data[0]?.id).not.toBe(page.data[0]?.id);
  });

  it('cancels a fal task on both surfaces', async () => {
    const models = await setup.ads.models.list({ provider: 'fal', scene: 'text-to-video' });
    const model = models.data[0];
    if (!model) throw new Error('the fal emulator catalog has no text-to-video model');
    const first = await setup.ads.actions.generate({
      prompt: 'a slow train',
      provider: 'fal',
      model: model.model,
    });
    const canceled = await setup.ads.actions.cancel({ taskId: first.taskId });
    expect(canceled.taskId).toBe(first.taskId);
    const second = await setup.ads.videos.create({
      prompt: 'a slow boat',
      scene: 'text-to-video',
      provider: 'fal',
      model: model.model,
    });
    const restCanceled = await setup.ads.tasks.cancel(second.id);
    expect(restCanceled.id).toBe(second.id);
  });

  it('lists models by scene and reads the account', async () => {
    const models = await setup.ads.models.list({ scene: 'image-to-video' });
    expect(models.data.length).toBeGreaterThan(0);
    expect(models.data.every((model) => model.scenes.includes('image-to-video'))).toBe(true);
    const account = await setup.ads.account.get();
    expect(account.workspace.balance).toBeGreaterThan(0);
    expect(account.key?.prefix).toBe(setup.gateway.apiKey.slice(0, account.key?.prefix.length));
  });

  it('quotes on both surfaces without creating, and reads the ledger', async () => {
    const before = await setup.ads.tasks.list({ limit: 100 });
    const rest = await setup.ads.videos.quote({ prompt: 'dunes', scene: 'text-to-video', ...sandbox });
    expect(rest).toMatchObject({ object: 'video.quote', model: 'sandbox/sandbox-video', accepted: true });
    const action = await setup.ads.actions.quote({ prompt: 'dunes', ...sandbox });
    expect(action.credits).toBe(rest.credits);
    expect((await setup.ads.tasks.list({ limit: 100 })).data).toHaveLength(before.data.length);
    const ledger = await setup.ads.ledger.list({ limit: 5 });
    expect(ledger.data[0]).toMatchObject({ kind: expect.stringMatching(/top_up|reserve|refund|adjust/) });
    expect(ledger.data.length).toBeLessThanOrEqual(5);
  });

  it('runs the admin namespace with the admin token', async () => {
    const workspace = await setup.ads.admin.workspaces.create({ name: 'sdk-admin', credits: 5 });
    const topped = await setup.ads.admin.workspaces.addCredits(workspace.id, { amount: 7, note: 'sdk test' });
    expect(topped.workspace.balance).toBe(12);
    const { data: workspaces } = await setup.ads.admin.workspaces.list();
    expect(workspaces.map((each) => each.id)).toContain(workspace.id);
    const key = await setup.ads.admin.keys.create({ workspace_id: workspace.id, name: 'sdk' });
    expect(key.api_key).toMatch(/^sk-/);
    const { data: keys } = await setup.ads.admin.keys.list({ workspace_id: workspace.id });
    expect(keys.map((each) => each.id)).toEqual([key.id]);
    const scoped = createClient({ baseUrl: setup.gateway.url, apiKey: key.api_key });
    expect((await scoped.account.get()).workspace.id).toBe(workspace.id);
    const limited = await setup.ads.admin.keys.update(key.id, { spend_limit: 100, spend_period: 'month' });
    expect(limited).toMatchObject({ spend_limit: 100, spend_period: 'month', rate_limit: null });
    expect((await scoped.account.get()).key).toMatchObject({ spend_limit: 100, spend_period: 'month' });
    expect((await setup.ads.admin.prices()).file).toBeNull();
    const revoked = await setup.ads.admin.keys.revoke(key.id);
    expect(revoked.revoked_at).not.toBeNull();
  });

  it('gives the raw HTTP answer through withResponse()', async () => {
    const { data, response } = await setup.ads.account.get().withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(data.workspace.id).toBeTruthy();
  });
});
