import { type ModelPricing, type SceneId, sceneTable } from '@ads/contract';
import { type CatalogEntry, publicModelId } from '@ads/provider';
import { type CompiledRule, compilePriceRules } from './check-price-rules.js';
import { creditsFor, type PriceBasis } from './price-basis.js';
import type { PriceRule } from './price-rules.js';
import { readPriceFile } from './read-price-file.js';
import { lengthCanBeOpen, longestSeconds, type RequestFacts, requestFacts } from './request-facts.js';

/** A task's price and how it was reached. */
export interface Price {
  credits: number;
  basis: PriceBasis;
}

/** Where the loaded rules came from. */
export interface PriceSource {
  file: string | null;
  loadedAt: number;
  rules: readonly PriceRule[];
}

function adjust(rule: PriceRule, facts: RequestFacts) {
  let multiplier = 1;
  let add = 0;
  const resolution = facts.resolution;
  const lookup = (table: Record<string, number> | undefined) =>
    resolution === undefined || !table
      ? undefined
      : Object.entries(table).find(([value]) => value.toLowerCase() === resolution)?.[1];
  multiplier *= lookup(rule.multiply?.resolution) ?? 1;
  add += lookup(rule.add?.resolution) ?? 0;
  if (facts.audio) {
    multiplier *= rule.multiply?.audio ?? 1;
    add += rule.add?.audio ?? 0;
  }
  if (facts.videoInput) {
    multiplier *= rule.multiply?.video_input ?? 1;
    add += rule.add?.video_input ?? 0;
  }
  return { multiplier, add };
}

const sceneBasis = (entry: CatalogEntry, scene: SceneId): PriceBasis => ({
  source: 'scene',
  per: 'video',
  rate: entry.credits ?? sceneTable[scene].credits,
  add: 0,
  minimum: 0,
  open: false,
});

function ruleBasis(rule: PriceRule, entry: CatalogEntry, input: Record<string, unknown>): PriceBasis {
  const facts = requestFacts(entry, input);
  const { multiplier, add } = adjust(rule, facts);
  const base = {
    source: 'rule' as const,
    rule: rule.model,
    rate: rule.credits * multiplier,
    add,
    minimum: rule.minimum,
  };
  if (rule.per === 'video') return { ...base, per: 'video', open: false };
  const seconds = facts.seconds ?? rule.max_seconds ?? longestSeconds(entry);
  // The load refused every rule that could leave this undefined.
  if (seconds === undefined) throw new Error(`No length to price ${publicModelId(entry)} by`);
  return { ...base, per: 'second', seconds, open: facts.seconds === undefined };
}

const times = (value: number) => `×${Number(value.toFixed(4))}`;

/** The rule in words, e.g. "3 credits per second (5 s unless asked; open: up to 15 s, settled to the delivered length); ×2 at 1080p; at least 10". */
export function ruleFormula(rule: PriceRule, entry: CatalogEntry): string {
  const parts: string[] = [];
  if (rule.per === 'video') parts.push(`${rule.credits} credits per video`);
  else {
    const longest = lengthCanBeOpen(entry) ? (rule.max_seconds ?? longestSeconds(entry)) : undefined;
    parts.push(
      `${rule.credits} credits per second of the requested duration${
        longest === undefined
          ? ''
          : ` (a length left to the model reserves ${longest} s and settles to the delivered length)`
      }`,
    );
  }
  for (const [value, factor] of Object.entries(rule.multiply?.resolution ?? {}))
    parts.push(`${times(factor)} at ${value}`);
  if (rule.multiply?.audio !== undefined) parts.push(`${times(rule.multiply.audio)} with audio`);
  if (rule.multiply?.video_input !== undefined)
    parts.push(`${times(rule.multiply.video_input)} with an input video`);
  const unit = rule.per === 'second' ? 'a second' : 'a video';
  for (const [value, credits] of Object.entries(rule.add?.resolution ?? {}))
    parts.push(`+${credits} ${unit} at ${value}`);
  if (rule.add?.audio !== undefined) parts.push(`+${rule.add.audio} ${unit} with audio`);
  if (rule.add?.video_input !== undefined) parts.push(`+${rule.add.video_input} ${unit} with an input video`);
  if (rule.minimum > 0) parts.push(`at least ${rule.minimum}`);
  return `${parts.join('; ')}; rounded up to whole credits`;
}

/**
 * The operator's price rules (ADS_PRICES_FILE), checked against the catalog. The first rule that
 * matches a model (and the workspace, when it names workspaces) prices it; no rule, the scene price.
 */
export class PriceBook {
  private rules: readonly CompiledRule[];
  private loaded: PriceSource;

  constructor(
    private readonly catalog: readonly CatalogEntry[],
    private readonly file: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.rules = [];
    this.loaded = { file: file ?? null, loadedAt: now(), rules: [] };
    this.reload();
  }

  /** Reads the file again (SIGHUP). A file with a problem throws and leaves the rules in force as they were. */
  reload(): PriceSource {
    if (!this.file) return this.loaded;
    const located = readPriceFile(this.file);
    this.rules = compilePriceRules(this.file, located, this.catalog);
    this.loaded = { file: this.file, loadedAt: this.now(), rules: located.rules };
    return this.loaded;
  }

  get source(): PriceSource {
    return this.loaded;
  }

  private ruleFor(entry: CatalogEntry, workspaceId: string): PriceRule | undefined {
    const id = publicModelId(entry);
    return this.rules.find((compiled) => compiled.matches(id) && compiled.appliesTo(workspaceId))?.rule;
  }

  /** The price of a request: the model, the scene it is asked under, its upstream input as built. */
  price(entry: CatalogEntry, scene: SceneId, input: Record<string, unknown>, workspaceId: string): Price {
    const rule = this.ruleFor(entry, workspaceId);
    const basis = rule ? ruleBasis(rule, entry, input) : sceneBasis(entry, scene);
    return { credits: creditsFor(basis), basis };
  }

  /** How a model is priced for a workspace, as the model list shows it. */
  describe(entry: CatalogEntry, scenes: readonly SceneId[], workspaceId: string): ModelPricing {
    const rule = this.ruleFor(entry, workspaceId);
    if (!rule) {
      const byScene = scenes.map((scene) => ({ scene, credits: creditsFor(sceneBasis(entry, scene)) }));
      const prices = [...new Set(byScene.map((price) => price.credits))];
      return {
        source: 'scene',
        rule: null,
        per: 'video',
        credits: prices.length === 1 ? (prices[0] as number) : null,
        minimum: 0,
        max_seconds: null,
        multiply: null,
        add: null,
        formula: `${byScene.map((price) => `${price.credits} credits per ${price.scene} video`).join(', ')} (the scene price)`,
      };
    }
    return {
      source: 'rule',
      rule: rule.model,
      per: rule.per,
      credits: rule.credits,
      minimum: rule.minimum,
      max_seconds: rule.per === 'second' ? (rule.max_seconds ?? longestSeconds(entry) ?? null) : null,
      multiply: rule.multiply ?? null,
      add: rule.add ?? null,
      formula: ruleFormula(rule, entry),
    };
  }
}
