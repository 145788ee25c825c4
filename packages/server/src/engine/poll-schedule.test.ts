import { describe, expect, it } from 'vitest';
import { nextCheckDelayMs, retryDelayMs, taskDeadlineMs } from './poll-schedule.js';

const at = (sinceSubmitMs: number, extra: Partial<Parameters<typeof nextCheckDelayMs>[0]> = {}) =>
  nextCheckDelayMs({ typicalRunSeconds: 120, sinceSubmitMs, webhooks: false, random: 0.5, ...extra });

describe('the poll schedule', () => {
  it('looks first at half the typical run time', () => {
    expect(at(0)).toBe(60_000);
    expect(at(50_000)).toBe(10_000);
  });

  it('then looks every tenth of the typical run time up to 1.5 times it, at least 2 seconds apart', () => {
    expect(at(60_000)).toBe(12_000);
    expect(at(170_000)).toBe(12_000);
    expect(
      nextCheckDelayMs({ typicalRunSeconds: 2, sinceSubmitMs: 1_000, webhooks: false, random: 0.5 }),
    ).toBe(2_000);
  });

  it('past that, every 15% of the elapsed time, at most 30 seconds', () => {
    expect(at(180_000)).toBe(27_000);
    expect(at(1_000_000)).toBe(30_000);
  });

  it('spreads tasks with ±10% jitter', () => {
    expect(at(100_000, { random: 0 })).toBe(10_800);
    expect(at(100_000, { random: 0.999_999 })).toBe(13_200);
  });

  it('looks first at a tenth of the typical run time when the model reports progress', () => {
    expect(at(0, { reportsProgress: true })).toBe(12_000);
    // No progress yet (still queued): every 15% of the elapsed time.
    expect(at(30_000, { reportsProgress: true })).toBe(4_500);
  });

  it('looks again when reported progress says the job should be done, if that is within 30 seconds', () => {
    // 150 s in at 90%: about 16.7 s left, plus a quarter second, with up to 5% added.
    expect(at(150_000, { progress: 90, random: 0 })).toBe(16_917);
    expect(at(150_000, { progress: 90, random: 0.999_999 })).toBe(17_762);
    expect(at(100_000, { progress: 99, random: 0 })).toBe(2_000);
  });

  it('otherwise looks halfway to the estimated end, at least 30 seconds away', () => {
    // 30 s in at 10%: 270 s left at that pace, so the next look is 135 s away.
    expect(at(30_000, { progress: 10, random: 0 })).toBe(135_000);
    // 75 s in at 60%: 50 s left, half of that is under 30 s.
    expect(at(75_000, { progress: 60, random: 0 })).toBe(30_000);
  });

  it('ignores progress it cannot estimate from (none yet, or done)', () => {
    expect(at(60_000, { progress: 0 })).toBe(12_000);
    expect(at(60_000, { progress: 100 })).toBe(12_000);
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
