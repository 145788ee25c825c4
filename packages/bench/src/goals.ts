/** Every figure `pnpm bench` reports, with the goal it is held to (issue: benchmarks). */
export interface Goal {
  key: string;
  what: string;
  goal: number;
  /** "at most" for costs, "at least" for throughput. */
  bound: 'at most' | 'at least';
  unit: string;
}

export const goals: Goal[] = [
  {
    key: 'create_overhead_p50_ms',
    what: 'create latency added by the gateway, p50',
    goal: 0.5,
    bound: 'at most',
    unit: 'ms',
  },
  {
    key: 'create_overhead_p99_ms',
    what: 'create latency added by the gateway, p99',
    goal: 2,
    bound: 'at most',
    unit: 'ms',
  },
  {
    key: 'create_overhead_c1_p50_ms',
    what: 'create latency added by the gateway, one request at a time, p50',
    goal: 0.5,
    bound: 'at most',
    unit: 'ms',
  },
  {
    key: 'create_overhead_vs_portkey_ratio',
    what: 'create overhead p50 ÷ Portkey pass-through overhead p50 (16 connections)',
    goal: 1.0,
    bound: 'at most',
    unit: '×',
  },
  {
    key: 'create_max_rps',
    what: 'highest even create rate with p99 under 50 ms (16 connections)',
    goal: 500,
    bound: 'at least',
    unit: 'req/s',
  },
  {
    key: 'query_rps_ratio',
    what: 'GET /v1/tasks/:id req/s ÷ bare node:http req/s',
    goal: 0.5,
    bound: 'at least',
    unit: '×',
  },
  {
    key: 'status_calls_per_task_polling',
    what: 'upstream status calls per task, polling',
    goal: 8,
    bound: 'at most',
    unit: 'calls',
  },
  {
    key: 'completion_lag_p50_s',
    what: 'upstream done → gateway done, polling, p50',
    goal: 5,
    bound: 'at most',
    unit: 's',
  },
  {
    key: 'completion_lag_p99_s',
    what: 'upstream done → gateway done, polling, p99',
    goal: 20,
    bound: 'at most',
    unit: 's',
  },
  {
    key: 'status_calls_per_task_webhook',
    what: 'upstream status calls per task, webhooks',
    goal: 1,
    bound: 'at most',
    unit: 'calls',
  },
  {
    key: 'completion_lag_webhook_p99_s',
    what: 'upstream done → gateway done, webhooks, p99',
    goal: 1,
    bound: 'at most',
    unit: 's',
  },
  {
    key: 'wait_10k_rss_mb',
    what: 'RSS growth, 10,000 held generate_and_wait',
    goal: 150,
    bound: 'at most',
    unit: 'MB',
  },
  {
    key: 'wait_10k_loop_p99_ms',
    what: 'event-loop delay p99, 10,000 held',
    goal: 20,
    bound: 'at most',
    unit: 'ms',
  },
  {
    key: 'sse_10k_rss_mb',
    what: 'RSS growth, 10,000 open task event streams',
    goal: 200,
    bound: 'at most',
    unit: 'MB',
  },
  {
    key: 'healthz_during_render_p99_ms',
    what: '/healthz p99 while the largest sandbox clip renders',
    goal: 50,
    bound: 'at most',
    unit: 'ms',
  },
  {
    key: 'copy_1gb_rss_growth_mb',
    what: 'gateway peak memory growth while it copies a 1 GiB video into storage',
    goal: 64,
    bound: 'at most',
    unit: 'MB',
  },
  {
    key: 'runner_due_ratio_100k_vs_1k',
    what: 'claim+check a due batch, 100k ÷ 1k in flight',
    goal: 1.5,
    bound: 'at most',
    unit: '×',
  },
  {
    key: 'cli_help_ratio',
    what: 'ads --help ÷ node -e 0, wall time',
    goal: 1.5,
    bound: 'at most',
    unit: '×',
  },
  {
    key: 'sdk_vs_fal_client_size_ratio',
    what: 'SDK ÷ @fal-ai/client, min+gzip',
    goal: 1.0,
    bound: 'at most',
    unit: '×',
  },
];

export function meets(goal: Goal, value: number): boolean {
  return goal.bound === 'at most' ? value <= goal.goal : value >= goal.goal;
}
