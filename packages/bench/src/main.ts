// `pnpm bench`: every figure of the gateway against its goal. Exits non-zero only when a
// measurement could not run; a missed goal is reported, not failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kiePlainModel } from './processes/api.js';
import { buildResults, formatTable } from './report.js';
import { measureClientFigures } from './suites/client-figures.js';
import { measureCreateOverhead } from './suites/create-overhead.js';
import { measureEventStreams, measureWebhookLatency } from './suites/events-out.js';
import { measureHeldWaits } from './suites/held-waits.js';
import { measureQueryThroughput } from './suites/query-throughput.js';
import { measureRenderHealth } from './suites/render-health.js';
import { measureRunnerDue } from './suites/runner-due.js';
import { measureUpstreamCalls } from './suites/upstream-calls.js';
import { measureVideoCopy } from './suites/video-copy.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

/** A measurement that could not run ends the bench with its reason (and no stack of a bundled module). */
function fail(error: unknown): never {
  process.stderr.write(`bench: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

// Everything runs inside main(), so a measurement that throws ends in fail() (a bundled module's own
// uncaughtException handler would otherwise print its whole source and exit 7).
await main().catch(fail);

async function main(): Promise<void> {
  const figures: Record<string, number> = {};
  const details: Record<string, number> = {};

  // The long runs (jobs of 60–180 s) mostly wait; they run alongside the short measurements.
  // A quick run makes the jobs and the poll schedule 10× shorter and runs a tenth of the jobs, so the
  // status reads per second (which kie limits to 10 per key) are those of the full run.
  progress(
    `upstream-call runs started (${quick ? '20 jobs of 6–18 s' : '200 jobs of 60–180 s'}: polling with and without progress, webhooks)`,
  );
  const jobs = quick ? 20 : 200;
  const scale = quick ? 0.1 : 1;
  const jobMs = { min: 60_000 * scale, max: 180_000 * scale };
  const upstreamRun = (webhooks: boolean, model?: string) =>
    measureUpstreamCalls({ jobs, jobMs, webhooks, ...(model ? { model } : {}), pollScale: scale });
  const longRuns = Promise.all([upstreamRun(false), upstreamRun(true), upstreamRun(false, kiePlainModel)]);
  longRuns.catch(() => {});

  progress(
    'create overhead (direct to the emulator, through Portkey, through the gateway; 16 connections and 1; the highest sustained rate)',
  );
  const {
    create_overhead_p50_ms,
    create_overhead_p99_ms,
    create_overhead_c1_p50_ms,
    create_overhead_vs_portkey_ratio,
    create_max_rps,
    peer,
    ...createDetails
  } = await measureCreateOverhead(quick ? 4 : 10, 200);
  Object.assign(figures, {
    create_overhead_p50_ms,
    create_overhead_p99_ms,
    create_overhead_c1_p50_ms,
    create_overhead_vs_portkey_ratio,
    create_max_rps,
  });
  Object.assign(details, createDetails);

  progress('query throughput (50 connections, bare node:http and GET /v1/tasks/:id)');
  const query = await measureQueryThroughput(quick ? 4 : 10);
  figures.query_rps_ratio = query.query_rps_ratio;
  Object.assign(details, { query_rps: query.query_rps, hello_rps: query.hello_rps });

  progress('runner turn with 1,000 and 100,000 tasks in flight');
  const runner = await measureRunnerDue();
  figures.runner_due_ratio_100k_vs_1k = runner.runner_due_ratio_100k_vs_1k;
  Object.assign(details, {
    runner_due_1k_ms: runner.runner_due_1k_ms,
    runner_due_100k_ms: runner.runner_due_100k_ms,
  });

  progress('CLI start-up and SDK bundle size');
  const clients = await measureClientFigures();
  Object.assign(figures, {
    cli_help_ratio: clients.cli_help_ratio,
    sdk_vs_fal_client_size_ratio: clients.sdk_vs_fal_client_size_ratio,
  });
  Object.assign(details, {
    sdk_gzip_bytes: clients.sdk_gzip_bytes,
    fal_client_gzip_bytes: clients.fal_client_gzip_bytes,
  });

  progress('waiting for the upstream-call runs to end');
  const [polling, webhook, plain] = await longRuns;
  Object.assign(figures, {
    status_calls_per_task_polling: polling.status_calls_per_task,
    completion_lag_p50_s: polling.completion_lag_p50_s,
    completion_lag_p99_s: polling.completion_lag_p99_s,
    status_calls_per_task_webhook: webhook.status_calls_per_task,
    completion_lag_webhook_p50_s: webhook.completion_lag_p50_s,
    completion_lag_webhook_p99_s: webhook.completion_lag_p99_s,
  });
  // The same jobs on a model that reports no progress: what polling costs without an estimate of the end.
  Object.assign(details, {
    no_progress_status_calls_per_task: plain.status_calls_per_task,
    no_progress_completion_lag_p50_s: plain.completion_lag_p50_s,
    no_progress_completion_lag_p99_s: plain.completion_lag_p99_s,
  });

  progress('/healthz while the largest sandbox clip renders (480p 16:9, 10 s)');
  const render = await measureRenderHealth();
  figures.healthz_during_render_p99_ms = render.healthz_during_render_p99_ms;
  Object.assign(details, {
    healthz_idle_p99_ms: render.healthz_idle_p99_ms,
    render_seconds: render.render_seconds,
    healthz_probes_during_render: render.healthz_probes,
  });

  progress('copying a finished 1 GiB video into storage');
  const copy = await measureVideoCopy();
  figures.copy_1gb_rss_growth_mb = copy.copy_1gb_rss_growth_mb;
  Object.assign(details, {
    copy_1gb_seconds: copy.copy_1gb_seconds,
    copy_1gb_mb_per_s: copy.copy_1gb_mb_per_s,
  });

  progress('webhook delivery latency (sandbox tasks reported to a loopback endpoint)');
  const webhooks = await measureWebhookLatency(quick ? 50 : 200, 10);
  Object.assign(details, webhooks);

  const streams = quick ? 2_000 : 10_000;
  progress(`task event streams (${streams} open at once)`);
  const events = await measureEventStreams(streams, quick ? 100 : 500);
  figures.sse_10k_rss_mb = events.sse_10k_rss_mb;
  details.sse_tasks = events.sse_tasks;

  // The held waits run last, alone: the event-loop figure is the gateway's, not the long runs' noise.
  const held = quick ? 2_000 : 10_000;
  progress(`held waits (${held} generate_and_wait requests)`);
  const waits = await measureHeldWaits(held, quick ? 5 : 10);
  Object.assign(figures, {
    wait_10k_rss_mb: waits.wait_10k_rss_mb,
    wait_10k_loop_p99_ms: waits.wait_10k_loop_p99_ms,
  });
  details.bare_node_wait_10k_rss_mb = waits.bare_node_rss_mb;

  const results = buildResults(figures, details, quick, peer);
  const resultsDirectory = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(resultsDirectory, { recursive: true });
  writeFileSync(
    `${resultsDirectory}${quick ? 'quick' : 'latest'}.json`,
    `${JSON.stringify(results, null, 2)}\n`,
  );
  if (json)
    process.stdout.write(
      `${JSON.stringify({ ...results.figures, details: results.details, peer, measured_at: results.measured_at, quick })}\n`,
    );
  else process.stdout.write(`${formatTable(results)}\n`);
  progress(`results written to packages/bench/results/${quick ? 'quick' : 'latest'}.json`);
}
