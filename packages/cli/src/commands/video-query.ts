import { cliFlag, defineCommand } from '../command.js';
import { noteMilliseconds, reportVideo, waitWithStatus } from '../video-result.js';
import { outFlag } from './video-generate.js';

export default defineCommand({
  path: ['video', 'query'],
  summary: 'Read a task (ai.video.query); --wait waits until it ends',
  source: { action: 'ai.video.query' },
  output: { video: true },
  flags: [
    cliFlag('wait', 'boolean', 'Wait until the task ends, showing its status.'),
    cliFlag('timeout', 'number', 'With --wait: how long to wait, in milliseconds.', { defaultValue: 600000 }),
    outFlag,
  ],
  examples: [
    'ads video query --task-id <uuid> --json',
    'ads video query --task-id <uuid> --wait --out ./video.mp4',
  ],
  async run(context) {
    const client = await context.client();
    const { taskId, workspaceId } = context.input.body as { taskId: string; workspaceId?: string };
    if (!context.options.wait)
      return reportVideo(context, await client.actions.query({ taskId, workspaceId }));
    const timeoutMs = context.options.timeout as number | undefined;
    noteMilliseconds(context, timeoutMs);
    const task = await waitWithStatus(context, (onProgress) =>
      client.waitForTask(taskId, { workspaceId, timeoutMs, onProgress }),
    );
    await reportVideo(context, task);
  },
});
