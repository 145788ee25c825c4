import { describe, expect, it } from 'vitest';
import { createClient, UserAbortError, WaitTimeoutError } from '../src/index.js';
import { useGateway } from './support/gateway.js';

const setup = useGateway();

const slowSandbox = { provider: 'sandbox', model: 'sandbox-video', options: { run_seconds: 60 } };

describe('client.generateAndWait', () => {
  it.each([
    ['polling', false, 3],
    ['its event stream', true, 2],
  ])(
    'stops at once when its AbortSignal fires mid-wait (%s), and names the task',
    async (_, stream, reports) => {
      const controller = new AbortController();
      const statuses: string[] = [];
      const waiting = setup.ads.generateAndWait(
        { prompt: 'abort me', ...slowSandbox },
        {
          signal: controller.signal,
          stream,
          pollIntervalMs: 50,
          onProgress: ({ task }) => {
            statuses.push(task.status);
            if (statuses.length === reports) controller.abort();
          },
        },
      );
      const error = await waiting.catch((reason: unknown) => reason);
      expect(UserAbortError.isInstance(error)).toBe(true);
      expect(statuses).toHaveLength(reports);
      const taskId = (error as UserAbortError).taskId;
      expect(taskId).toMatch(/^[0-9a-f-]{36}$/);
      const task = await setup.ads.actions.query(taskId as string);
      expect(task.status).toMatch(/pending|running/);
    },
  );

  it('throws WaitTimeoutError carrying the task id when the time runs out', async () => {
    const error = await setup.ads
      .generateAndWait({ prompt: 'too slow', ...slowSandbox, timeoutMs: 400 }, { pollIntervalMs: 50 })
      .catch((reason: unknown) => reason);
    expect(WaitTimeoutError.isInstance(error)).toBe(true);
    const timeout = error as WaitTimeoutError;
    expect(timeout.timeoutMs).toBe(400);
    expect(timeout.task.status).toMatch(/pending|running/);
    expect(timeout.message).toContain(timeout.taskId);
    expect((await setup.ads.actions.query(timeout.taskId)).taskId).toBe(timeout.taskId);
  });

  it('returns a failed task rather than throwing, with the provider’s reason', async () => {
    const task = await setup.ads.generateAndWait(
      { prompt: 'fail please', provider: 'sandbox', options: { fail: true } },
      { pollIntervalMs: 50 },
    );
    expect(task.status).toBe('failed');
    expect(task.error?.message).toBeTruthy();
  });

  it('aborting before the create sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = (await setup.ads.tasks.list({ limit: 100 })).data.length;
    const error = await setup.ads
      .generateAndWait({ prompt: 'never sent', provider: 'sandbox' }, { signal: controller.signal })
      .catch((reason: unknown) => reason);
    expect(UserAbortError.isInstance(error)).toBe(true);
    expect((await setup.ads.tasks.list({ limit: 100 })).data.length).toBe(before);
  });
});

describe('client.waitForTask', () => {
  it('follows the task’s event stream: no status reads, the end told as it happens', async () => {
    const created = await setup.ads.actions.generate({ prompt: 'resume me', provider: 'sandbox' });
    const statuses: string[] = [];
    const startedAt = Date.now();
    const task = await setup.ads.waitForTask(created.taskId, {
      // A poll would come only after a minute: the wait ends long before, on the stream.
      pollIntervalMs: 60_000,
      onProgress: ({ task: current }) => statuses.push(current.status),
    });
    expect(task).toMatchObject({ taskId: created.taskId, status: 'success' });
    expect(task.videos[0]?.stored).toBe(true);
    expect(statuses.at(-1)).toBe('success');
    expect(Date.now() - startedAt).toBeLessThan(50_000);
  });

  it('falls back to polling where the event stream is not answered', async () => {
    const asked: string[] = [];
    const polling = createClient({
      baseUrl: setup.gateway.url,
      apiKey: setup.gateway.apiKey,
      fetch: async (input, init) => {
        const url = String(input);
        asked.push(new URL(url).pathname);
        if (url.includes('/events')) return new Response('{"error":{}}', { status: 404 });
        return fetch(input, init);
      },
    });
    const created = await polling.actions.generate({ prompt: 'poll me', provider: 'sandbox' });
    const task = await polling.waitForTask(created.taskId, { pollIntervalMs: 50 });
    expect(task.status).toBe('success');
    expect(asked.filter((path) => path.endsWith('/events'))).toHaveLength(1);
    expect(asked.filter((path) => path === '/api/actions/ai.video.query').length).toBeGreaterThan(1);
  });
});
