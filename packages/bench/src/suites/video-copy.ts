import { readFileSync, writeFileSync } from 'node:fs';
import { startKieEmulator } from '@ads/provider-kie/emulator';
import { callJson } from '../processes/api.js';
import { startBenchGateway } from '../processes/gateway.js';

export interface VideoCopyFigures {
  /** How much the gateway's peak resident memory grew while it copied the video. */
  copy_1gb_rss_growth_mb: number;
  copy_1gb_seconds: number;
  copy_1gb_mb_per_s: number;
}

interface StoredTask {
  id: string;
  status: string;
  videos: Array<{ stored: boolean; bytes: number | null; sha256: string | null }>;
}

const gib = 1024 ** 3;
const kieKey = 'bench-copy-key';

/** Resident memory now and at its peak (Linux /proc), in MB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024;
  return { rss: read('VmRSS'), peak: read('VmHWM') };
}

async function waitForEnd(url: string, apiKey: string, id: string, timeoutMs: number): Promise<StoredTask> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await callJson<StoredTask>(`${url}/v1/tasks/${id}`, apiKey);
    if (task.status !== 'pending' && task.status !== 'running') return task;
    if (Date.now() > deadline) throw new Error(`the copy task is still ${task.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The copy of a finished 1 GiB video into storage: the gateway (its own process, local storage)
 * streams it from the emulated kie CDN, hashing and probing it on the way. The figure is how much
 * its peak resident memory (VmHWM, reset just before) grew over its resident memory before.
 */
export async function measureVideoCopy(): Promise<VideoCopyFigures> {
  const emulator = await startKieEmulator({ apiKey: kieKey, jobMs: 200, videoBytes: gib });
  const gateway = await startBenchGateway({
    KIE_API_KEY: kieKey,
    KIE_BASE_URL: emulator.url,
    ADS_POLL_SCALE: '0.05',
  });
  try {
    const pid = gateway.child.pid as number;
    // A first, small task warms the copy path (modules, pools) so the figure is the copy's own.
    const warm = await callJson<{ id: string }>(`${gateway.url}/v1/videos/generations`, gateway.apiKey, {
      body: {
        provider: 'sandbox',
        model: 'sandbox-video',
        scene: 'text-to-video',
        prompt: 'warm up',
        options: { run_seconds: 0 },
      },
    });
    await waitForEnd(gateway.url, gateway.apiKey, warm.id, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = memory(pid).rss;
    // Writing 5 to clear_refs resets the peak (VmHWM) to the current resident size.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const started = Date.now();
    const created = await callJson<{ id: string }>(`${gateway.url}/v1/videos/generations`, gateway.apiKey, {
      body: {
        provider: 'kie',
        model: 'bytedance/seedance-2-mini',
        scene: 'text-to-video',
        prompt: 'one gigabyte',
      },
    });
    const task = await waitForEnd(gateway.url, gateway.apiKey, created.id, 600_000);
    const seconds = (Date.now() - started) / 1000;
    const [video] = task.videos;
    if (task.status !== 'success' || !video?.stored || video.bytes !== gib) {
      throw new Error(`the 1 GiB copy did not end stored: ${JSON.stringify(task).slice(0, 300)}`);
    }
    const job = [...emulator.core.jobs.values()][0];
    if (video.sha256 !== emulator.core.files.sha256Of(job?.id ?? ''))
      throw new Error('the stored copy’s SHA-256 differs');
    return {
      copy_1gb_rss_growth_mb: memory(pid).peak - before,
      copy_1gb_seconds: seconds,
      copy_1gb_mb_per_s: gib / 1024 ** 2 / seconds,
    };
  } finally {
    await gateway.stop();
    await emulator.close();
  }
}
