import type { OptionIssue } from '@ads/provider';
import { captionLines } from './caption.js';
import { type VideoSpec, videoSpec } from './video-spec.js';

/**
 * The most work one sandbox clip may take: width × height × frames. 50 million is 480p 16:9 for
 * 10 s, 360p 16:9 for 18 s, and every 240p clip; about 10 s of one core.
 */
export const maxPixelFrames = 50_000_000;

const asNumber = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
const asString = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

/** The clip's size and length from a sandbox input (its seed aside). */
export function specOf(input: Record<string, unknown>, seed: number): VideoSpec {
  return videoSpec({
    aspectRatio: asString(input.aspect_ratio, '16:9'),
    resolution: asString(input.resolution, '240p'),
    durationSeconds: asNumber(input.duration, 3),
    seed,
    caption: captionLines(asString(input.prompt, '')),
  });
}

/** Refuses, at create time, a clip larger than one render may be. */
export function renderLimitIssues(input: Record<string, unknown>): OptionIssue[] {
  const spec = specOf(input, 0);
  const work = spec.width * spec.height * spec.frameCount;
  if (work <= maxPixelFrames) return [];
  const longest = Math.floor(maxPixelFrames / (spec.width * spec.height * spec.frameRate));
  return [
    {
      path: 'duration',
      message: `a ${spec.width}×${spec.height} clip of ${spec.frameCount} frames is ${(work / 1e6).toFixed(0)} million pixel-frames; the sandbox renders at most ${maxPixelFrames / 1e6} million per clip, so at this size and ratio at most ${longest} s (or lower the resolution)`,
    },
  ];
}
