import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHost } from '../processes/child.js';
import { startBenchGateway } from '../processes/gateway.js';
import { benchKieKey, kieHostEnvironment } from './kie-environment.js';

export interface HeldWaits {
  wait_10k_rss_mb: number;
  wait_10k_loop_p99_ms: number;
  held: number;
}

const megabyte = 1024 * 1024;
const rss = 'process_resident_memory_bytes';
const waiting = 'ads_waiting_requests';
// Each read of /metrics resets this one: read just before the window, it covers the window only.
const loopP99 = 'nodejs_eventloop_lag_p99_seconds';

/**
 * `count` ai.video.generate_and_wait requests held open at once (kie jobs that run for an hour):
 * how much the gateway's resident memory grows, and its event-loop delay p99 (the gateway's own
 * /metrics, reset by a read just before the window) while they wait.
 */
export async function measureHeldWaits(count: number, windowSeconds: number): Promise<HeldWaits> {
  const kie = await startHost('kie-host', kieHostEnvironment({ min: 3_600_000, max: 3_600_000 }));
  const gateway = await startBenchGateway({ KIE_API_KEY: benchKieKey, KIE_BASE_URL: kie.url });
  const abort = new AbortController();
  setMaxListeners(count + 100, abort.signal);
  try {
    const body = JSON.stringify({
      prompt: 'a lighthouse at dusk, held open',
      scene: 'text-to-video',
      provider: 'kie',
      model: 'sora-2-text-to-video',
      timeoutMs: 3_600_000,
    });
    const send = () =>
      fetch(`${gateway.url}/api/actions/ai.video.generate_and_wait`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
        body,
        signal: abort.signal,
      }).then(
        (response) => response.status,
        () => 0,
      );
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
    const answers = Array.from({ length: count }, send);
    const deadline = Date.now() + 180_000;
    let held = 0;
    while (held < count) {
      if (Date.now() > deadline) throw new Error(`only ${held} of ${count} requests were held`);
      await sleep(1000);
      held = (await gateway.metrics(waiting)).ads_waiting_requests;
    }
    await gateway.metrics(loopP99);
    await sleep(windowSeconds * 1000);
    const window = await gateway.metrics(loopP99, rss, waiting);
    const stillHeld = window.ads_waiting_requests;
    if (stillHeld < count) throw new Error(`${count - stillHeld} held requests ended early`);
    abort.abort();
    await Promise.all(answers);
    return {
      wait_10k_rss_mb: (window.process_resident_memory_bytes - rssBefore) / megabyte,
      wait_10k_loop_p99_ms: window.nodejs_eventloop_lag_p99_seconds * 1000,
      held,
    };
  } finally {
    abort.abort();
    await Promise.all([gateway.stop(), kie.stop()]);
  }
}
