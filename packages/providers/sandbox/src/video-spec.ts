import { createHash } from 'node:crypto';

/** Everything a render depends on: the same spec always gives the same frames. */
export interface VideoSpec {
  width: number;
  height: number;
  frameRate: number;
  frameCount: number;
  /** 32-bit seed for colours and motion. */
  seed: number;
  /** The lines of text drawn on every frame (SANDBOX, and the prompt's first words). */
  caption?: readonly string[];
}

const shortSide: Record<string, number> = { '240p': 240, '360p': 360, '480p': 480 };

const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);

/** Frame size for an aspect ratio at a resolution: the short side is the resolution. */
export function frameSize(aspectRatio: string, resolution: string): { width: number; height: number } {
  const [w = 16, h = 9] = aspectRatio.split(':').map(Number);
  const side = shortSide[resolution] ?? 240;
  return w >= h
    ? { width: even((side * w) / h), height: side }
    : { width: side, height: even((side * h) / w) };
}

/** A seed from the request: the given one, else a hash of what was asked for. */
export function seedFor(explicit: number | undefined, ...parts: Array<string | undefined>): number {
  if (explicit !== undefined) return explicit >>> 0;
  return createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\u0000'))
    .digest()
    .readUInt32BE(0);
}

export const sandboxFrameRate = 12;

export function videoSpec(options: {
  aspectRatio: string;
  resolution: string;
  durationSeconds: number;
  seed: number;
  caption?: readonly string[];
}): VideoSpec {
  return {
    ...(options.caption ? { caption: options.caption } : {}),
    ...frameSize(options.aspectRatio, options.resolution),
    frameRate: sandboxFrameRate,
    frameCount: Math.max(1, Math.round(options.durationSeconds * sandboxFrameRate)),
    seed: options.seed,
  };
}
