import path from 'node:path';
import { publicModelId } from '@ads/provider';
import type { Command } from 'commander';
import { fullCatalog } from '../catalog-reference.js';
import { compilePriceRules } from '../pricing/check-price-rules.js';
import { ruleFormula } from '../pricing/price-book.js';
import { readPriceFile } from '../pricing/read-price-file.js';
import { printJson } from './operator-store.js';

export function pricesCommands(program: Command): void {
  const prices = program.command('prices').description('Check a price file (ADS_PRICES_FILE)');
  prices
    .command('check')
    .description(
      'Check a price file against the catalog, as the server does at start, and show what each rule prices',
    )
    .argument('<file>', 'the price file (YAML or JSON)')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean }) => {
      const resolved = path.resolve(file);
      const catalog = fullCatalog();
      // Throws a PriceFileError naming the line of each problem (exit code 1).
      const compiled = compilePriceRules(resolved, readPriceFile(resolved), catalog);
      const rules = compiled.map(({ rule, index, matches }) => {
        const matched = catalog.filter((entry) => matches(publicModelId(entry)));
        const first = matched[0];
        return {
          index,
          model: rule.model,
          workspaces: rule.workspaces ?? null,
          matches: matched.map(publicModelId),
          formula: first ? ruleFormula(rule, first) : '',
        };
      });
      if (options.json) return printJson({ file: resolved, valid: true, rules });
      process.stdout.write(`${resolved}: ${rules.length} rules, all valid.\n`);
      for (const rule of rules) {
        const scope = rule.workspaces ? ` (workspaces ${rule.workspaces.join(', ')})` : '';
        process.stdout.write(
          `  ${rule.index + 1}. ${rule.model}${scope}: ${rule.matches.length} model${rule.matches.length === 1 ? '' : 's'}\n     ${rule.formula}\n`,
        );
      }
    });
}
