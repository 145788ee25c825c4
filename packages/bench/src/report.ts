import { cpus, totalmem } from 'node:os';
import { type Goal, goals, meets } from './goals.js';
import { round } from './load/stats.js';

export interface BenchResults {
  measured_at: string;
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string };
  /** A shortened run (--quick): the shape of every figure, not the figures the goals are about. */
  quick: boolean;
  figures: Record<string, number>;
  /** Figures behind the ratios (baselines, raw rates), for reading the main ones. */
  details: Record<string, number>;
  goals: Array<Goal & { value: number | null; met: boolean | null }>;
  /** The peer gateway the create overhead is compared with, by name and version. */
  peer: string;
}

export function buildResults(
  figures: Record<string, number>,
  details: Record<string, number>,
  quick: boolean,
  peer: string,
): BenchResults {
  const cpuList = cpus();
  return {
    measured_at: new Date().toISOString(),
    machine: {
      cpus: cpuList.length,
      cpu_model: cpuList[0]?.model.trim() ?? 'unknown',
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    quick,
    peer,
    figures: Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, round(value, 3)])),
    details: Object.fromEntries(Object.entries(details).map(([key, value]) => [key, round(value, 3)])),
    goals: goals.map((goal) => {
      const value = figures[goal.key];
      return {
        ...goal,
        value: value === undefined ? null : round(value, 3),
        met: value === undefined ? null : meets(goal, value),
      };
    }),
  };
}

/** The readable table: each figure, its goal, and whether it is met. */
export function formatTable(results: BenchResults): string {
  const rows = results.goals.map((goal) => [
    goal.key,
    goal.value === null ? '—' : String(goal.value),
    `${goal.bound === 'at most' ? '≤' : '≥'} ${goal.goal} ${goal.unit}`,
    goal.met === null ? 'not run' : goal.met ? 'met' : 'MISSED',
  ]);
  const header = ['figure', 'value', 'goal', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  const { machine } = results;
  return [
    `ads bench, ${results.measured_at}${results.quick ? ' (quick run: shortened, not the goal figures)' : ''}`,
    `${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, Node ${machine.node}; peer gateway: ${results.peer}`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `details: ${Object.entries(results.details)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ')}`,
  ].join('\n');
}
