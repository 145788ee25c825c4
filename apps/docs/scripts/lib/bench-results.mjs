import { existsSync, readFileSync } from 'node:fs';
import { cell, code, table } from './markdown.mjs';

/**
 * The last full `pnpm bench` run (packages/bench/results/latest.json, committed with the code it
 * measured): every figure beside its goal, then the figures behind them. Included by the Benchmarks
 * guide. Without a results file the part says how to make one.
 */
export function benchResults(resultsFile) {
  if (!existsSync(resultsFile)) {
    return '_No full benchmark run is recorded yet: run `pnpm bench` to measure one._';
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const { machine } = results;
  const goalRows = results.goals.map((goal) => [
    code(goal.key),
    cell(goal.what),
    goal.value === null ? '–' : `${goal.value} ${goal.unit}`,
    `${goal.bound === 'at most' ? '≤' : '≥'} ${goal.goal} ${goal.unit}`,
    goal.met === null ? 'not run' : goal.met ? 'met' : '**missed**',
  ]);
  const detailRows = Object.entries(results.details).map(([key, value]) => [code(key), String(value)]);
  return [
    `Measured ${results.measured_at.slice(0, 10)} on ${machine.cpus} × ${cell(machine.cpu_model)}, ` +
      `${machine.memory_gb} GB, Node ${machine.node}${results.quick ? ' (a shortened `--quick` run)' : ''}` +
      `${results.peer ? `; the peer gateway: ${results.peer}` : ''}.`,
    table(['Figure', 'What', 'Value', 'Goal', ''], goalRows),
    'The figures behind them (baselines and raw rates):',
    table(['Detail', 'Value'], detailRows),
  ].join('\n\n');
}
