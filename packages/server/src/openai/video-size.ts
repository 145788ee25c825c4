import type { CatalogEntry } from '@ads/provider';
import { standardChoices, standardValue } from '../pricing/request-facts.js';

/** The options a `WIDTHxHEIGHT` stands for on one model. */
export interface SizeOptions {
  aspect_ratio?: string;
  resolution?: string;
}

/** The shorter side of a resolution in pixels (`720p` → 720, `4k` → 2160); undefined for others. */
function shortSide(resolution: string): number | undefined {
  const value = resolution.toLowerCase();
  const named: Record<string, number> = { '2k': 1440, '4k': 2160 };
  if (named[value]) return named[value];
  const match = /^(\d{3,4})p$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

const even = (value: number) => Math.round(value / 2) * 2;

/** `16:9` at 720 → `1280x720`; `9:16` at 720 → `720x1280`. */
export function sizeFor(aspect: string, short: number): string | undefined {
  const match = /^(\d+):(\d+)$/.exec(aspect);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (width === 0 || height === 0) return undefined;
  return width >= height
    ? `${even((short * width) / height)}x${short}`
    : `${short}x${even((short * height) / width)}`;
}

/**
 * Every size a model can make, as `WIDTHxHEIGHT`, with the options each one sets: its aspect ratios
 * times its resolutions. A model with aspect ratios but no resolution option is sized at 720 pixels;
 * one with resolutions but no aspect ratio, at 16:9. Empty when the model takes neither.
 */
export function sizeChoices(entry: CatalogEntry): Map<string, SizeOptions> {
  const aspects = standardChoices(entry, 'aspect_ratio').filter((value) => /^\d+:\d+$/.test(value));
  const resolutions = standardChoices(entry, 'resolution').filter((value) => shortSide(value) !== undefined);
  const choices = new Map<string, SizeOptions>();
  if (aspects.length === 0 && resolutions.length === 0) return choices;
  for (const aspect of aspects.length > 0 ? aspects : [undefined]) {
    for (const resolution of resolutions.length > 0 ? resolutions : [undefined]) {
      const size = sizeFor(aspect ?? '16:9', resolution ? (shortSide(resolution) as number) : 720);
      if (!size || choices.has(size)) continue;
      choices.set(size, {
        ...(aspect ? { aspect_ratio: aspect } : {}),
        ...(resolution ? { resolution } : {}),
      });
    }
  }
  return choices;
}

/** The size a task's input asks for, when its aspect ratio (or resolution) says; else undefined. */
export function sizeOfInput(entry: CatalogEntry, input: Record<string, unknown>): string | undefined {
  const aspect = standardValue(entry, 'aspect_ratio', input);
  const resolution = standardValue(entry, 'resolution', input);
  if (aspect === undefined && resolution === undefined) return undefined;
  const short = typeof resolution === 'string' ? (shortSide(resolution) ?? 720) : 720;
  return sizeFor(typeof aspect === 'string' ? aspect : '16:9', short);
}
