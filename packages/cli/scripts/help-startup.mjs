// Measures `ads --help` against bare `node -e 0`, alternating runs so both see the same machine
// noise, and prints the ratio of the medians. `--json` prints one JSON object.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/ads.js', import.meta.url));

function timeOnce(args) {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function measureHelpStartup(runs = 30) {
  const node = [];
  const ads = [];
  timeOnce([bin, '--help']);
  for (let run = 0; run < runs; run += 1) {
    node.push(timeOnce(['-e', '0']));
    ads.push(timeOnce([bin, '--help']));
  }
  return { node_ms: median(node), ads_help_ms: median(ads), ratio: median(ads) / median(node) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = measureHelpStartup(Number(process.env.RUNS ?? 30));
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else
    console.log(
      `node -e 0: ${result.node_ms.toFixed(1)} ms, ads --help: ${result.ads_help_ms.toFixed(1)} ms, ratio ${result.ratio.toFixed(2)} (median of alternating runs)`,
    );
}
