import { defineCommand } from '../command.js';
import { videoDocument } from '../video-result.js';

export default defineCommand({
  path: ['video', 'cancel'],
  summary: 'Ask the provider to stop a task (ai.video.cancel)',
  description:
    'Credits are refunded only when the provider confirms it will not bill; some providers cannot cancel (the gateway answers 409).',
  source: { action: 'ai.video.cancel' },
  output: { video: true },
  async run(context) {
    const client = await context.client();
    const task = await client.actions.cancel(context.input.body as { taskId: string });
    context.printer.result(videoDocument(task), () => `${task.status}  task ${task.taskId}`);
  },
});
