import { setTimeout as sleep } from 'node:timers/promises';
import { kieCreateBody } from '../processes/api.js';
import { startHost } from '../processes/child.js';
import { startBenchGateway } from '../processes/gateway.js';
import { benchKieKey, kieHostEnvironment } from './kie-environment.js';

export interface HeldWaits {
  wait_10k_rss_mb: number;
  wait_10k_loop_p99_ms: number;
  /** The same number of requests held by a bare node:http server: what holding costs at the least. */
  bare_node_rss_mb: number;
}

const megabyte = 1024 * 1024;
const wavePerStep = 500;
const rss = 'process_resident_memory_bytes';
const waiting = 'ads_waiting_requests';
// Each read of /metrics resets this one: read just before the window, it covers the window only.
const loopP99 = 'nodejs_eventloop_lag_p99_seconds';

const body = JSON.stringify({ ...kieCreateBody('a lighthouse at dusk, held open'), timeoutMs: 3_600_000 });

/**
 * `count` ai.video.generate_and_wait requests held open at once (kie jobs that run for an hour):
 * how much the gateway's resident memory grows, and its event-loop delay p99 (the gateway's own
 * /metrics, reset by a read just before the window) while they wait. The same requests held by a
 * bare node:http server give the floor any Node server pays.
 */
export async function measureHeldWaits(count: number, windowSeconds: number): Promise<HeldWaits> {
  const bare = await measureBareHolds(count);
  const kie = await startHost('kie-host', kieHostEnvironment({ min: 3_600_000, max: 3_600_000 }));
  const gateway = await startBenchGateway({ KIE_API_KEY: benchKieKey, KIE_BASE_URL: kie.url });
  const holds = new Holds(`${gateway.url}/api/actions/ai.video.generate_and_wait`, gateway.apiKey);
  try {
    // Warm the code paths, then take the baseline with nothing held.
    await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${gateway.apiKey}` } }).then(
          (r) => r.arrayBuffer(),
        ),
      ),
    );
    await sleep(1000);
    const { process_resident_memory_bytes: rssBefore } = await gateway.metrics(rss);
    await holds.open(count, async () => (await gateway.metrics(waiting)).ads_waiting_requests);
    await gateway.metrics(loopP99);
    await sleep(windowSeconds * 1000);
    const window = await gateway.metrics(loopP99, rss, waiting);
    const stillHeld = window.ads_waiting_requests;
    if (stillHeld < count) throw new Error(`${count - stillHeld} held requests ended early`);
    await holds.release();
    return {
      wait_10k_rss_mb: (window.process_resident_memory_bytes - rssBefore) / megabyte,
      wait_10k_loop_p99_ms: window.nodejs_eventloop_lag_p99_seconds * 1000,
      bare_node_rss_mb: bare,
    };
  } finally {
    await holds.release();
    await Promise.all([gateway.stop(), kie.stop()]);
  }
}

/** The bare host holds each POST it reads until the client goes; GET /held says how many and its RSS. */
async function measureBareHolds(count: number): Promise<number> {
  const host = await startHost('hello-host');
  const holds = new Holds(`${host.url}/hold`, 'none');
  const state = async () => (await (await fetch(`${host.url}/held`)).json()) as { held: number; rss: number };
  try {
    await Promise.all(Array.from({ length: 50 }, () => fetch(host.url).then((r) => r.arrayBuffer())));
    await sleep(1000);
    const before = (await state()).rss;
    await holds.open(count, async () => (await state()).held);
    await sleep(1000);
    return ((await state()).rss - before) / megabyte;
  } finally {
    await holds.release();
    await host.stop();
  }
}

/**
 * Requests held open against one URL, opened in waves, each held before the next: the figure is the
 * cost of holding requests, not of a 10,000-connection accept storm (which overflows the listen
 * backlog and times connects out). Any request answered before release() is an error.
 */
class Holds {
  // One controller per wave: fetch caps the listeners of a signal it shares at 1,500.
  private readonly controllers: AbortController[] = [];
  private released = false;
  private readonly answers: Array<Promise<void>> = [];
  private ended = 0;

  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  async open(count: number, heldNow: () => Promise<number>): Promise<void> {
    const deadline = Date.now() + 300_000;
    let held = 0;
    while (this.answers.length < count) {
      const wave = Math.min(wavePerStep, count - this.answers.length);
      const controller = new AbortController();
      this.controllers.push(controller);
      for (let index = 0; index < wave; index++) this.answers.push(this.send(controller.signal));
      for (;;) {
        if (this.ended > 0) throw new Error(`${this.ended} held requests were answered before release`);
        if (Date.now() > deadline) throw new Error(`only ${held} of ${count} requests were held`);
        await sleep(200);
        held = await heldNow();
        if (held >= this.answers.length) break;
      }
    }
  }

  async release(): Promise<void> {
    this.released = true;
    for (const controller of this.controllers) controller.abort();
    await Promise.all(this.answers);
  }

  private send(signal: AbortSignal): Promise<void> {
    return fetch(this.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
      body,
      signal,
    }).then(
      () => {
        this.ended += 1;
      },
      () => {
        if (!this.released) this.ended += 1;
      },
    );
  }
}
