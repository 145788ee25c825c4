import { callJson, type TaskAnswer } from '../processes/api.js';
import { startBenchGateway } from '../processes/gateway.js';

export interface RenderHealthFigures {
  healthz_during_render_p99_ms: number;
  healthz_idle_p99_ms: number;
  render_seconds: number;
  healthz_probes: number;
}

/** `count` probes of /healthz, one after another, each timed; `until` ends them early. */
async function probe(url: string, until: () => boolean, count = Number.POSITIVE_INFINITY): Promise<number[]> {
  const latencies: number[] = [];
  while (latencies.length < count && !until()) {
    const started = performance.now();
    const answer = await fetch(`${url}/healthz`);
    await answer.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return latencies;
}

const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
};

/**
 * /healthz latency while the sandbox renders the largest clip one render may be (480p 16:9, 10 s),
 * against the same probes on the idle gateway just before: renders run in worker threads, so the
 * event loop keeps answering.
 */
export async function measureRenderHealth(): Promise<RenderHealthFigures> {
  const gateway = await startBenchGateway({});
  try {
    const idle = await probe(gateway.url, () => false, 200);
    const created = await callJson<TaskAnswer>(`${gateway.url}/v1/videos/generations`, gateway.apiKey, {
      body: {
        provider: 'sandbox',
        model: 'sandbox-video',
        scene: 'text-to-video',
        prompt: 'the largest clip a render may be',
        options: { resolution: '480p', aspect_ratio: '16:9', duration: 10, run_seconds: 0 },
      },
    });
    const started = Date.now();
    let done = false;
    const watch = (async () => {
      for (;;) {
        const task = await callJson<TaskAnswer>(`${gateway.url}/v1/tasks/${created.id}`, gateway.apiKey);
        if (task.status !== 'pending' && task.status !== 'running') {
          if (task.status !== 'success') throw new Error(`the render ended ${task.status}`);
          done = true;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const during = await probe(gateway.url, () => done);
    await watch;
    return {
      healthz_during_render_p99_ms: p99(during),
      healthz_idle_p99_ms: p99(idle),
      render_seconds: (Date.now() - started) / 1000,
      healthz_probes: during.length,
    };
  } finally {
    await gateway.stop();
  }
}
