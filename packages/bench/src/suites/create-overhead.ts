import { runLoad } from '../load/run-load.js';
import { percentile } from '../load/stats.js';
import { kieCreateBody, kieProgressModel } from '../processes/api.js';
import { startHost } from '../processes/child.js';
import { startBenchGateway } from '../processes/gateway.js';
import { benchKieKey, kieHostEnvironment } from './kie-environment.js';

export interface CreateOverhead {
  create_overhead_p50_ms: number;
  create_overhead_p99_ms: number;
  create_gateway_p50_ms: number;
  create_direct_p50_ms: number;
  create_rate_per_s: number;
}

const connections = 16;

/**
 * POST /v1/videos/generations through the gateway (which submits to the kie emulator before it
 * answers) against the same kie create sent straight to the emulator: 16 connections at one fixed
 * rate for both, so the difference is the gateway's own work, not queueing behind a saturated core.
 */
export async function measureCreateOverhead(seconds: number, rate: number): Promise<CreateOverhead> {
  const kie = await startHost('kie-host', kieHostEnvironment({ min: 3_600_000, max: 3_600_000 }));
  const gateway = await startBenchGateway({ KIE_API_KEY: benchKieKey, KIE_BASE_URL: kie.url });
  try {
    const json = { 'content-type': 'application/json' };
    const direct = {
      url: `${kie.url}/api/v1/jobs/createTask`,
      method: 'POST' as const,
      headers: { ...json, authorization: `Bearer ${benchKieKey}` },
      body: JSON.stringify({ model: kieProgressModel, input: { prompt: 'a lighthouse at dusk' } }),
      connections,
      overallRate: rate,
    };
    const through = {
      url: `${gateway.url}/v1/videos/generations`,
      method: 'POST' as const,
      headers: { ...json, authorization: `Bearer ${gateway.apiKey}` },
      body: JSON.stringify(kieCreateBody('a lighthouse at dusk')),
      connections,
      overallRate: rate,
    };
    await runLoad({ ...direct, duration: 2 });
    await runLoad({ ...through, duration: 2 });
    const directRun = await runLoad({ ...direct, duration: seconds });
    const gatewayRun = await runLoad({ ...through, duration: seconds });
    for (const [name, run] of [
      ['straight to the emulator', directRun],
      ['through the gateway', gatewayRun],
    ] as const) {
      if (run.non2xx > 0 || run.errors > 0) {
        throw new Error(`${run.non2xx} non-2xx answers and ${run.errors} errors creating ${name}`);
      }
    }
    const at = (p: number) => percentile(gatewayRun.latenciesMs, p) - percentile(directRun.latenciesMs, p);
    return {
      create_overhead_p50_ms: at(50),
      create_overhead_p99_ms: at(99),
      create_gateway_p50_ms: percentile(gatewayRun.latenciesMs, 50),
      create_direct_p50_ms: percentile(directRun.latenciesMs, 50),
      create_rate_per_s: gatewayRun.rps,
    };
  } finally {
    await Promise.all([gateway.stop(), kie.stop()]);
  }
}
