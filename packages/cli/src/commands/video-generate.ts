import type { GenerateAndWaitInput } from '@ads/sdk';
import { cliFlag, defineCommand } from '../command.js';
import { reportVideo, waitWithStatus } from '../video-result.js';

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
  output: { video: true },
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
    const task = await waitWithStatus(context, (onProgress) =>
      client.generateAndWait(input, { timeoutMs: input.timeoutMs, onProgress }),
    );
    await reportVideo(context, task);
  },
});
