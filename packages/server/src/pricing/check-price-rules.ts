import { type CatalogEntry, publicModelId } from '@ads/provider';
import type { PriceRule } from './price-rules.js';
import { type LocatedPriceFile, PriceFileError, type PriceFileProblem } from './read-price-file.js';
import { lengthCanBeOpen, longestSeconds, resolutionChoices } from './request-facts.js';

/** A rule ready to price: its pattern compiled, and the catalog models it matched when it was loaded. */
export interface CompiledRule {
  rule: PriceRule;
  /** Its place in the file (0-based): the first rule that matches a request prices it. */
  index: number;
  matches: (modelId: string) => boolean;
  appliesTo: (workspaceId: string) => boolean;
}

const isGlob = (pattern: string) => /[*?]/.test(pattern);

/** `*` is any run of characters (`/` included) and `?` one character; everything else is itself. */
function modelMatcher(pattern: string): (modelId: string) => boolean {
  if (!isGlob(pattern)) return (modelId) => modelId === pattern;
  const source = pattern
    .split('')
    .map((character) =>
      character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  const expression = new RegExp(`^${source}$`);
  return (modelId) => expression.test(modelId);
}

const listed = (values: readonly string[], most = 6) =>
  values.length > most
    ? `${values.slice(0, most).join(', ')} and ${values.length - most} more`
    : values.join(', ');

/** Every way a rule can name what its models do not have. */
function ruleProblems(
  rule: PriceRule,
  index: number,
  matched: readonly CatalogEntry[],
  problem: LocatedPriceFile['problem'],
): PriceFileProblem[] {
  const at = (...path: (string | number)[]) => ['rules', index, ...path];
  if (matched.length === 0) {
    return [
      problem(
        at('model'),
        isGlob(rule.model)
          ? `"${rule.model}" matches no model of the catalog; GET /v1/models lists them`
          : `"${rule.model}" is not a model of the catalog (ids are provider/model); GET /v1/models lists them`,
      ),
    ];
  }
  const problems: PriceFileProblem[] = [];
  const who =
    matched.length === 1
      ? publicModelId(matched[0] as CatalogEntry)
      : `any of the ${matched.length} models "${rule.model}" matches`;
  for (const kind of ['multiply', 'add'] as const) {
    const adjustments = rule[kind];
    if (!adjustments) continue;
    const accepted = [...new Set(matched.flatMap(resolutionChoices))];
    for (const value of Object.keys(adjustments.resolution ?? {})) {
      if (accepted.includes(value.toLowerCase())) continue;
      problems.push(
        problem(
          at(kind, 'resolution', value),
          accepted.length === 0
            ? `${who} takes no resolution option`
            : `resolution "${value}" is not accepted by ${who}; accepted: ${listed(accepted)}`,
        ),
      );
    }
    if (adjustments.audio !== undefined && !matched.some((entry) => entry.standard.audio)) {
      problems.push(problem(at(kind, 'audio'), `${who} takes no audio option`));
    }
    if (adjustments.video_input !== undefined && !matched.some((entry) => entry.video)) {
      problems.push(problem(at(kind, 'video_input'), `${who} takes no input video`));
    }
  }
  if (rule.per === 'video' && rule.max_seconds !== undefined) {
    problems.push(problem(at('max_seconds'), 'applies only to a rule with per: second'));
  }
  if (rule.per === 'second' && rule.max_seconds === undefined) {
    const unbounded = matched
      .filter((entry) => lengthCanBeOpen(entry) && longestSeconds(entry) === undefined)
      .map(publicModelId);
    if (unbounded.length > 0) {
      problems.push(
        problem(
          at('per'),
          `${listed(unbounded, 3)} can leave the length to the model and the catalog knows no longest length; set max_seconds (what such a task reserves)`,
        ),
      );
    }
  }
  return problems;
}

/** Checks every rule against the catalog and compiles them; throws a PriceFileError naming each problem's line. */
export function compilePriceRules(
  file: string,
  located: LocatedPriceFile,
  catalog: readonly CatalogEntry[],
): CompiledRule[] {
  const problems: PriceFileProblem[] = [];
  const compiled = located.rules.map((rule, index): CompiledRule => {
    const matches = modelMatcher(rule.model);
    const matched = catalog.filter((entry) => matches(publicModelId(entry)));
    problems.push(...ruleProblems(rule, index, matched, located.problem));
    const workspaces = rule.workspaces ? new Set(rule.workspaces) : undefined;
    return {
      rule,
      index,
      matches,
      appliesTo: (workspaceId) => workspaces === undefined || workspaces.has(workspaceId),
    };
  });
  if (problems.length > 0) throw new PriceFileError(file, problems);
  return compiled;
}
