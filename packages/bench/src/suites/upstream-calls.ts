import { setTimeout as sleep } from 'node:timers/promises';
import { benchPrompt, type HostJob, jobIndexOf } from '../hosts/host-protocol.js';
import { percentile } from '../load/stats.js';
import { callJson, kieCreateBody, type TaskAnswer } from '../processes/api.js';
import { startHost } from '../processes/child.js';
import { startBenchGateway } from '../processes/gateway.js';
import { benchKieKey, benchWebhookKey, kieHostEnvironment } from './kie-environment.js';

export interface UpstreamCalls {
  status_calls_per_task: number;
  completion_lag_p50_s: number;
  completion_lag_p99_s: number;
  tasks: number;
}

/**
 * `jobs` kie jobs of `model` that each run a seeded random 60–180 s (the same durations in every
 * run): how many status reads the gateway spends per task, and how long after the upstream finished
 * it reports each task done (its finished_at against the emulator's own end time). A shortened run
 * shortens the jobs and the gateway's poll schedule (`pollScale`) alike.
 */
export async function measureUpstreamCalls(options: {
  jobs: number;
  webhooks: boolean;
  model?: string;
  jobMs?: { min: number; max: number };
  pollScale?: number;
}): Promise<UpstreamCalls> {
  const jobMs = options.jobMs ?? { min: 60_000, max: 180_000 };
  const kie = await startHost('kie-host', kieHostEnvironment(jobMs, options.webhooks));
  const gateway = await startBenchGateway(
    {
      KIE_API_KEY: benchKieKey,
      KIE_BASE_URL: kie.url,
      ...(options.webhooks ? { KIE_WEBHOOK_HMAC_KEY: benchWebhookKey } : {}),
      ...(options.pollScale ? { ADS_POLL_SCALE: String(options.pollScale) } : {}),
    },
    { webhooks: options.webhooks },
  );
  try {
    const taskIds: string[] = [];
    for (let start = 0; start < options.jobs; start += 20) {
      const batch = Array.from({ length: Math.min(20, options.jobs - start) }, (_, offset) =>
        callJson<TaskAnswer>(`${gateway.url}/v1/videos/generations`, gateway.apiKey, {
          body: kieCreateBody(benchPrompt(start + offset), options.model),
        }),
      );
      for (const task of await Promise.all(batch)) taskIds.push(task.id);
    }
    const finished = await waitForAll(gateway.url, gateway.apiKey, taskIds, jobMs.max + 120_000);
    const jobs = (await (await fetch(`${kie.controlUrl}/jobs`)).json()) as HostJob[];
    const stats = (await (await fetch(`${kie.controlUrl}/stats`)).json()) as { statusReads: number };
    const lags: number[] = [];
    for (const job of jobs) {
      const index = jobIndexOf(job.prompt);
      const task = index === undefined ? undefined : finished.get(taskIds[index] ?? '');
      if (!task?.finished_at) throw new Error(`no finished task for upstream job ${job.id}`);
      lags.push((Date.parse(task.finished_at) - (job.createdAt + job.runMs)) / 1000);
    }
    lags.sort((a, b) => a - b);
    return {
      status_calls_per_task: stats.statusReads / taskIds.length,
      completion_lag_p50_s: percentile(lags, 50),
      completion_lag_p99_s: percentile(lags, 99),
      tasks: taskIds.length,
    };
  } finally {
    await Promise.all([gateway.stop(), kie.stop()]);
  }
}

/** Reads every task every 2 s (a few dozen light reads a second) until all have ended. */
async function waitForAll(
  url: string,
  apiKey: string,
  taskIds: string[],
  timeoutMs: number,
): Promise<Map<string, TaskAnswer>> {
  const ended = new Map<string, TaskAnswer>();
  const deadline = Date.now() + timeoutMs;
  while (ended.size < taskIds.length) {
    if (Date.now() > deadline) throw new Error(`${taskIds.length - ended.size} tasks did not end in time`);
    await sleep(2000);
    for (const id of taskIds.filter((candidate) => !ended.has(candidate))) {
      const task = await callJson<TaskAnswer>(`${url}/v1/tasks/${id}`, apiKey);
      if (task.status !== 'pending' && task.status !== 'running') ended.set(id, task);
    }
  }
  return ended;
}
