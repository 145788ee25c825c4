import type { GenerateAndWaitInput, QuoteResult } from '@ads/sdk';
import { type CommandContext, cliFlag, defineCommand } from '../command.js';
import { CliFailure } from '../failure.js';
import { uploadLocalInputs } from '../local-inputs.js';
import { noteMilliseconds, reportVideo, waitWithStatus } from '../video-result.js';

export const outFlag = cliFlag(
  'out',
  'string',
  'Download the first video to this path (folders are created).',
);

/** The quote in words: the price and how it was reached, the balance, and whether it would be accepted. */
function describeQuote(quote: QuoteResult): string {
  const { basis } = quote;
  const how =
    basis.source === 'scene'
      ? 'the scene price'
      : basis.per === 'video'
        ? `rule ${basis.rule}: ${basis.rate} per video${basis.add ? ` + ${basis.add}` : ''}`
        : `rule ${basis.rule}: ${basis.rate} per second × ${basis.seconds} s${basis.add ? ` + ${basis.add}` : ''}${
            basis.open ? ' (the longest length: the difference to the delivered one is given back)' : ''
          }`;
  return [
    `model:    ${quote.model} (${quote.scene})`,
    `price:    ${quote.credits} credits (${how}${basis.minimum ? `, at least ${basis.minimum}` : ''})`,
    `balance:  ${quote.balance} credits in ${quote.workspace}`,
    quote.accepted ? 'accepted: yes (nothing was created; run again without --dry-run)' : 'accepted: no',
  ].join('\n');
}

/** `--dry-run`: the quote of the same input; a create it would refuse exits 1 with its reason. */
async function dryRun(context: CommandContext, input: Omit<GenerateAndWaitInput, 'timeoutMs'>) {
  const client = await context.client();
  const quote = await client.actions.quote(input);
  if (!quote.accepted && quote.refusal) {
    throw new CliFailure({
      message: `${describeQuote(quote)}\n${quote.refusal.message}`,
      code: quote.refusal.code,
      document: quote,
    });
  }
  context.printer.result(quote, () => describeQuote(quote));
}

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
    cliFlag(
      'dry-run',
      'boolean',
      'Create nothing: print the price, the balance and whether the task would be accepted (ai.video.quote; exit 1 if it would be refused).',
    ),
  ],
  examples: [
    'ads video generate --prompt "cinematic product shot, soft lighting" --scene text-to-video --out ./output/video.mp4',
    'ads video generate --prompt "gentle camera motion" --scene image-to-video --image-input "https://example.com/reference.jpg" --out ./output/motion.mp4 --json',
    'ads video generate --prompt "slow push-in" --scene image-to-video --image-input ./ref.jpg --out ./output/push.mp4',
    'ads video generate --prompt "ocean waves" --model kie/bytedance/seedance-2 --options \'{"duration": 10}\' --dry-run',
  ],
  async run(context) {
    const input = context.input.body as GenerateAndWaitInput;
    noteMilliseconds(context, input.timeoutMs);
    // Local paths are uploaded first (POST /v1/files) and sent as their file ids.
    input.imageInput = (await uploadLocalInputs(
      context,
      input.imageInput,
      '--image-input',
    )) as typeof input.imageInput;
    input.videoInput = (await uploadLocalInputs(
      context,
      input.videoInput,
      '--video-input',
    )) as typeof input.videoInput;
    if (context.options.dryRun === true) {
      const { timeoutMs: _ignored, ...quoteInput } = input;
      return dryRun(context, quoteInput);
    }
    const client = await context.client();
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
