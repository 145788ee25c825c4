/**
 * How a task's price was reached, kept with the task: the settle recomputes the price from it with
 * the delivered length, whatever price file is loaded by then.
 */
export interface PriceBasis {
  /** `rule`: a rule of the price file; `scene`: the seed's scene price (no rule matched). */
  source: 'rule' | 'scene';
  /** The matching rule's model pattern. */
  rule?: string;
  per: 'video' | 'second';
  /** Credits per video or per second, with every multiplier applied. */
  rate: number;
  /** Credits added per video or per second (the resolution, audio and input video add-ons). */
  add: number;
  minimum: number;
  /** The seconds priced: the ones asked for, or the most the task may last when `open`. */
  seconds?: number;
  /** The request left the length open: the reserve is the longest, the settle charges what was delivered. */
  open: boolean;
}

/** Whole credits, rounded up; a float's last-digit noise (2.0000000001) is not a credit. */
const wholeCreditsUp = (value: number) => Math.ceil(Math.round(value * 1e6) / 1e6);

export function creditsFor(basis: PriceBasis, seconds = basis.seconds): number {
  const units = basis.per === 'second' ? (seconds ?? 0) : 1;
  return Math.max(basis.minimum, wholeCreditsUp((basis.rate + basis.add) * units));
}

/**
 * What a task whose length was open costs once its videos are known: the longest delivered video,
 * to the nearest second, never more than was reserved. Undefined when nothing is to be given back
 * (a fixed length, or no delivered length known: the reserve stands).
 */
export function settledCredits(
  basis: PriceBasis | null,
  reserved: number,
  deliveredSeconds: readonly (number | undefined)[],
): number | undefined {
  if (!basis?.open || basis.per !== 'second' || basis.seconds === undefined) return undefined;
  const known = deliveredSeconds.filter((seconds): seconds is number => seconds !== undefined && seconds > 0);
  if (known.length === 0) return undefined;
  const billed = Math.min(basis.seconds, Math.max(1, Math.round(Math.max(...known))));
  const credits = Math.min(reserved, creditsFor(basis, billed));
  return credits < reserved ? credits : undefined;
}
