import { describe, expect, it } from 'vitest';
import {
  commonErrorResponses,
  contract,
  describeIssues,
  errorCodeTable,
  errorEnvelope,
  errorEnvelopeSchema,
  generateActionInputSchema,
  statusForErrorCode,
  toErrorIssues,
} from '../src/index.js';

describe('the error envelope', () => {
  it('declares a response for the status of every error code: common, or on the one route that answers it', () => {
    const ownStatuses: Record<number, { responses: object }> = {
      416: contract.videos.downloadVideo,
      415: contract.files.uploadFile,
    };
    for (const { status } of Object.values(errorCodeTable)) {
      const declared = ownStatuses[status]?.responses ?? commonErrorResponses;
      expect(Object.keys(declared)).toContain(String(status));
    }
  });

  it('builds envelopes that its own schema accepts', () => {
    const envelope = errorEnvelope('insufficient_credits', 'Balance 3 is below the price 6.', {
      details: { balance: 3, price: 6 },
    });
    expect(errorEnvelopeSchema.parse(envelope)).toEqual(envelope);
    expect(statusForErrorCode('insufficient_credits')).toBe(402);
  });

  it('turns validation issues into dotted field paths and one readable message', () => {
    const result = generateActionInputSchema.safeParse({
      scene: 'image-to-video',
      options: { duration: 'x' },
    });
    const issues = toErrorIssues(result.error?.issues ?? [], 'body');
    expect(issues.map((issue) => issue.path)).toEqual(['body.options.duration']);
    expect(describeIssues(issues)).toBe('body.options.duration: must be a number');
  });
});

describe('messages name what is expected', () => {
  it.each([
    [
      { prompt: 'x', imageInput: 5 },
      'imageInput: must be a URL or file id, a comma-separated string of them, or an array of them',
    ],
    [{ prompt: 'x', options: { seed: 'abc' } }, 'options.seed: must be a number'],
    [{ prompt: '   ' }, 'prompt: must not be empty'],
    [
      { prompt: 'x', scene: 'music-video' },
      'scene: Invalid option: expected one of "text-to-video"|"image-to-video"|"video-to-video"|"ad-video"',
    ],
  ])('%j → %s', (body, message) => {
    const result = generateActionInputSchema.safeParse(body);
    expect(describeIssues(toErrorIssues(result.error?.issues ?? []))).toBe(message);
  });
});
