import { describe, expect, it } from 'vitest';
import { nextCheckDelayMs, retryDelayMs, taskDeadlineMs } from './poll-schedule.js';

const at = (sinceSubmitMs: number, extra: Partial<Parameters<typeof nextCheckDelayMs>[0]> = {}) =>
  nextCheckDelayMs({ typicalRunSeconds: 120, sinceSubmitMs, webhooks: false, random: 0.5, ...extra });

describe('the poll schedule', () => {
  it('looks first at half the typical run time', () => {
    expect(at(0)).toBe(60_000);
    expect(at(50_000)).toBe(10_000);
  });

  it('then looks every 15% of the elapsed time, between 2 and 30 seconds', () => {
    expect(at(60_000)).toBe(9_000);
    expect(at(100_000)).toBe(15_000);
    expect(at(1_000_000)).toBe(30_000);
    expect(
      nextCheckDelayMs({ typicalRunSeconds: 2, sinceSubmitMs: 1_000, webhooks: false, random: 0.5 }),
    ).toBe(2_000);
  });

  it('spreads tasks with ±10% jitter', () => {
    expect(at(100_000, { random: 0 })).toBe(13_500);
    expect(at(100_000, { random: 0.999_999 })).toBe(16_500);
  });

  it('looks again when reported progress says the job should be done, within 2 to 30 seconds', () => {
    // 75 s in at 60%: 50 s left at that pace, so the next look is capped at 30 s.
    expect(at(75_000, { progress: 60, random: 0 })).toBe(30_000);
    // 150 s in at 90%: about 16.7 s left, plus a quarter second, with up to 5% added.
    expect(at(150_000, { progress: 90, random: 0 })).toBe(16_917);
    expect(at(150_000, { progress: 90, random: 0.999_999 })).toBe(17_762);
    expect(at(100_000, { progress: 99, random: 0 })).toBe(2_000);
  });

  it('ignores progress it cannot estimate from (none yet, or done)', () => {
    expect(at(60_000, { progress: 0 })).toBe(9_000);
    expect(at(60_000, { progress: 100 })).toBe(9_000);
  });

  it('polls only as a safety net when webhooks report the end', () => {
    expect(at(0, { webhooks: true })).toBe(120_000);
    expect(at(0, { webhooks: true, typicalRunSeconds: 5 })).toBe(60_000);
  });

  it('scales every delay by ADS_POLL_SCALE', () => {
    expect(at(0, { scale: 0.5 })).toBe(30_000);
    expect(at(1_000_000, { scale: 2 })).toBe(60_000);
  });

  it('backs off reads that failed, honouring Retry-After', () => {
    expect(retryDelayMs(1, 0.5)).toBe(1_000);
    expect(retryDelayMs(3, 0.5)).toBe(4_000);
    expect(retryDelayMs(20, 0.5)).toBe(60_000);
    expect(retryDelayMs(1, 0.5, 30)).toBe(30_000);
  });

  it('gives up after ten typical run times, at least half an hour', () => {
    expect(taskDeadlineMs(3)).toBe(30 * 60_000);
    expect(taskDeadlineMs(600)).toBe(6_000_000);
  });
});
