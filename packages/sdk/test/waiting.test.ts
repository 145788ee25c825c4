import { describe, expect, it } from 'vitest';
import { UserAbortError, WaitTimeoutError } from '../src/index.js';
import { useGateway } from './support/gateway.js';

const setup = useGateway();

const slowSandbox = { provider: 'sandbox', model: 'sandbox-video', options: { run_seconds: 60 } };

describe('client.generateAndWait', () => {
  it('stops at once when its AbortSignal fires mid-wait, and names the task', async () => {
    const controller = new AbortController();
    const statuses: string[] = [];
    const waiting = setup.ads.generateAndWait(
      { prompt: 'abort me', ...slowSandbox },
      {
        signal: controller.signal,
        pollIntervalMs: 50,
        onProgress: ({ task }) => {
          statuses.push(task.status);
          if (statuses.length === 3) controller.abort();
        },
      },
    );
    const error = await waiting.catch((reason: unknown) => reason);
    expect(UserAbortError.isInstance(error)).toBe(true);
    expect(statuses).toHaveLength(3);
    const taskId = (error as UserAbortError).taskId;
    expect(taskId).toMatch(/^[0-9a-f-]{36}$/);
    const task = await setup.ads.actions.query(taskId as string);
    expect(task.status).toMatch(/pending|running/);
  });

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
  it('waits for a task created earlier until it ends', async () => {
    const created = await setup.ads.actions.generate({ prompt: 'resume me', provider: 'sandbox' });
    const statuses: string[] = [];
    const task = await setup.ads.waitForTask(created.taskId, {
      pollIntervalMs: 50,
      onProgress: ({ task: current }) => statuses.push(current.status),
    });
    expect(task).toMatchObject({ taskId: created.taskId, status: 'success' });
    expect(statuses.at(-1)).toBe('success');
  });
});
