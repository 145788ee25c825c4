import { type PacedOptions, type PacedResult, runPaced } from '../load/paced-load.js';
import { percentile } from '../load/stats.js';
import { kieCreateBody, kieProgressModel } from '../processes/api.js';
import { startHost } from '../processes/child.js';
import { startBenchGateway } from '../processes/gateway.js';
import { startPortkey } from '../processes/portkey.js';
import { benchKieKey, kieHostEnvironment } from './kie-environment.js';

export interface CreateOverhead {
  create_overhead_p50_ms: number;
  create_overhead_p99_ms: number;
  create_overhead_c1_p50_ms: number;
  create_overhead_vs_portkey_ratio: number;
  create_max_rps: number;
  create_gateway_p50_ms: number;
  create_direct_p50_ms: number;
  create_direct_c1_p50_ms: number;
  create_portkey_p50_ms: number;
  portkey_overhead_p50_ms: number;
  portkey_overhead_p99_ms: number;
  portkey_overhead_c1_p50_ms: number;
  /** The peer, by name and version. */
  peer: string;
}

const connections = 16;
/** The steps of the sustained-rate search, creates per second. */
const rateSteps = [250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2500, 3000];
const maxRateP99Ms = 50;

type Load = Omit<PacedOptions, 'duration' | 'connections' | 'rate'>;

function checked(name: string, run: PacedResult): PacedResult {
  if (run.non2xx > 0 || run.errors > 0) {
    throw new Error(`${run.non2xx} non-2xx answers and ${run.errors} errors creating ${name}`);
  }
  return run;
}

/**
 * A kie create three ways in the same run, against the same kie emulator (its own process): straight
 * to the emulator, through Portkey's gateway as a pass-through proxy (it forwards the request and
 * does nothing else), and through ads (`POST /v1/videos/generations`: the key, the credits, the
 * durable task, then the submit before it answers). Each figure is the latency added over the direct
 * create at the same percentile: at 16 connections at an even `rate`, and one request at a time.
 * Then the highest even rate ads sustains with p99 under 50 ms.
 */
export async function measureCreateOverhead(seconds: number, rate: number): Promise<CreateOverhead> {
  const kie = await startHost('kie-host', kieHostEnvironment({ min: 3_600_000, max: 3_600_000 }));
  const gateway = await startBenchGateway({ KIE_API_KEY: benchKieKey, KIE_BASE_URL: kie.url });
  const portkey = await startPortkey();
  try {
    const json = { 'content-type': 'application/json' };
    const kieBody = JSON.stringify({ model: kieProgressModel, input: { prompt: 'a lighthouse at dusk' } });
    const kieHeaders = { ...json, authorization: `Bearer ${benchKieKey}` };
    const loads: Record<'direct' | 'portkey' | 'gateway', Load> = {
      direct: {
        url: `${kie.url}/api/v1/jobs/createTask`,
        method: 'POST',
        headers: kieHeaders,
        body: kieBody,
      },
      portkey: {
        url: `${portkey.url}/v1/jobs/createTask`,
        method: 'POST',
        headers: { ...kieHeaders, ...portkey.passThroughHeaders(kie.url) },
        body: kieBody,
      },
      gateway: {
        url: `${gateway.url}/v1/videos/generations`,
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${gateway.apiKey}` },
        body: JSON.stringify(kieCreateBody('a lighthouse at dusk')),
      },
    };
    const names = ['direct', 'portkey', 'gateway'] as const;
    const run = (name: (typeof names)[number], options: Omit<PacedOptions, keyof Load>) =>
      runPaced({ ...loads[name], ...options }).then((result) => checked(`${name}`, result));
    for (const name of names) await run(name, { connections, rate, duration: 2 });
    // Alternating halves, so a drift of the machine during the run touches all three alike.
    const paced = { direct: [] as number[], portkey: [] as number[], gateway: [] as number[] };
    const single = { direct: [] as number[], portkey: [] as number[], gateway: [] as number[] };
    for (let round = 0; round < 2; round += 1) {
      for (const name of names) {
        paced[name].push(...(await run(name, { connections, rate, duration: seconds / 2 })).latenciesMs);
        single[name].push(...(await run(name, { connections: 1, duration: seconds / 4 })).latenciesMs);
      }
    }
    const at = (latencies: Record<string, number[]>, name: 'portkey' | 'gateway', p: number) => {
      const sorted = (key: string) => [...(latencies[key] ?? [])].sort((a, b) => a - b);
      return percentile(sorted(name), p) - percentile(sorted('direct'), p);
    };
    const p50 = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    const ours = at(paced, 'gateway', 50);
    const theirs = at(paced, 'portkey', 50);
    let maxRps = 0;
    for (const step of rateSteps) {
      const result = await runPaced({
        ...loads.gateway,
        connections,
        rate: step,
        duration: Math.max(2, seconds / 3),
      });
      const p99 = percentile(result.latenciesMs, 99);
      if (result.non2xx > 0 || result.errors > 0 || p99 >= maxRateP99Ms || result.rps < step * 0.95) break;
      maxRps = step;
    }
    return {
      create_overhead_p50_ms: ours,
      create_overhead_p99_ms: at(paced, 'gateway', 99),
      create_overhead_c1_p50_ms: at(single, 'gateway', 50),
      create_overhead_vs_portkey_ratio: ours / theirs,
      create_max_rps: maxRps,
      create_gateway_p50_ms: p50(paced.gateway),
      create_direct_p50_ms: p50(paced.direct),
      create_direct_c1_p50_ms: p50(single.direct),
      create_portkey_p50_ms: p50(paced.portkey),
      portkey_overhead_p50_ms: theirs,
      portkey_overhead_p99_ms: at(paced, 'portkey', 99),
      portkey_overhead_c1_p50_ms: at(single, 'portkey', 50),
      peer: portkey.name,
    };
  } finally {
    await Promise.all([gateway.stop(), kie.stop(), portkey.stop()]);
  }
}
