import type { GenerateAndWaitInput } from '@ads/sdk';
import { cliFlag, defineCommand } from '../command.js';
import { startStatusLine } from '../status-line.js';
import { describeState, reportVideo, timeoutFailure } from '../video-result.js';

export const outFlag = cliFlag(
  'out',
  'string',
  'Download the first video to this path (folders are created).',
);

export default defineCommand({
  path: ['video', 'generate'],
  summary: 'Generate a video and wait for it (ai.video.generate_and_wait)',
  description:
    'Creates a video task and waits until it ends, showing its status. Without --provider and --model the catalog picks the scene’s default model.',
  source: { action: 'ai.video.generate_and_wait' },
  flags: [
    outFlag,
    cliFlag('no-wait', 'boolean', 'Create the task and print it at once (ai.video.generate).'),
  ],
  examples: [
    'ads video generate --prompt "cinematic product shot, soft lighting" --scene text-to-video --out ./output/video.mp4',
    'ads video generate --prompt "gentle camera motion" --scene image-to-video --image-input "https://example.com/reference.jpg" --out ./output/motion.mp4 --json',
  ],
  async run(context) {
    const client = await context.client();
    const input = context.input.body as GenerateAndWaitInput;
    if (context.options.wait === false) {
      const { timeoutMs: _ignored, ...createInput } = input;
      return reportVideo(context, await client.actions.generate(createInput));
    }
    const timeoutMs = input.timeoutMs ?? 600_000;
    const status = startStatusLine(context.printer, 'video');
    let task: Awaited<ReturnType<typeof client.generateAndWait>>;
    try {
      task = await client.generateAndWait(input, {
        timeoutMs,
        onProgress: (progress) => status.update(describeState(progress.task)),
      });
    } catch (error) {
      const { WaitTimeoutError } = await import('@ads/sdk');
      if (WaitTimeoutError.isInstance(error)) throw timeoutFailure(error.task, error.timeoutMs);
      throw error;
    } finally {
      status.stop();
    }
    await reportVideo(context, task);
  },
});
