import { createServer, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../load/stats.js';
import { callJson, kieCreateBody, type TaskAnswer } from '../processes/api.js';
import { startHost } from '../processes/child.js';
import { startBenchGateway } from '../processes/gateway.js';
import { benchKieKey, kieHostEnvironment } from './kie-environment.js';

const megabyte = 1024 * 1024;
const wave = 500;

export interface EventStreamFigures {
  sse_10k_rss_mb: number;
  /** Tasks the streams follow (each followed by streams / tasks of them). */
  sse_tasks: number;
}

/**
 * `streams` server-sent event streams open at once on `tasks` running kie tasks (jobs of an hour):
 * the gateway's resident memory growth from the tasks alone to the tasks with every stream open. The
 * streams are opened in waves of 500, each wave open before the next.
 */
export async function measureEventStreams(streams: number, tasks: number): Promise<EventStreamFigures> {
  const kie = await startHost('kie-host', kieHostEnvironment({ min: 3_600_000, max: 3_600_000 }));
  const gateway = await startBenchGateway({ KIE_API_KEY: benchKieKey, KIE_BASE_URL: kie.url });
  const open: IncomingMessage[] = [];
  try {
    const ids: string[] = [];
    for (let start = 0; start < tasks; start += 50) {
      const created = await Promise.all(
        Array.from({ length: Math.min(50, tasks - start) }, (_, index) =>
          callJson<TaskAnswer>(`${gateway.url}/v1/videos/generations`, gateway.apiKey, {
            body: kieCreateBody(`followed ${start + index}`),
          }),
        ),
      );
      ids.push(...created.map((task) => task.id));
    }
    await sleep(1000);
    const { process_resident_memory_bytes: before } = await gateway.metrics('process_resident_memory_bytes');
    const streamed = () =>
      gateway.metrics('ads_task_event_streams').then((value) => value.ads_task_event_streams);
    const deadline = Date.now() + 300_000;
    while (open.length < streams) {
      const count = Math.min(wave, streams - open.length);
      const opened = await Promise.all(
        Array.from({ length: count }, (_, index) =>
          openStream(
            `${gateway.url}/v1/tasks/${ids[(open.length + index) % ids.length]}/events`,
            gateway.apiKey,
          ),
        ),
      );
      open.push(...opened);
      while ((await streamed()) < open.length) {
        if (Date.now() > deadline) throw new Error(`only ${await streamed()} of ${streams} streams opened`);
        await sleep(100);
      }
    }
    await sleep(2000);
    const window = await gateway.metrics('process_resident_memory_bytes', 'ads_task_event_streams');
    if (window.ads_task_event_streams < streams) throw new Error('event streams ended early');
    return { sse_10k_rss_mb: (window.process_resident_memory_bytes - before) / megabyte, sse_tasks: tasks };
  } finally {
    for (const response of open) response.destroy();
    await Promise.all([gateway.stop(), kie.stop()]);
  }
}

/** Opens one event stream and keeps it open (its bytes are read and dropped). */
function openStream(url: string, apiKey: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = get(url, {
      headers: { authorization: `Bearer ${apiKey}`, accept: 'text/event-stream' },
      agent: false,
    });
    request.once('error', reject);
    request.once('response', (response) => {
      if (response.statusCode !== 200)
        return reject(new Error(`an event stream answered ${response.statusCode}`));
      response.on('data', () => {});
      response.on('error', () => {});
      resolve(response);
    });
  });
}

export interface WebhookLatency {
  webhook_delivery_p50_ms: number;
  webhook_delivery_p99_ms: number;
  webhook_deliveries: number;
}

/**
 * `count` sandbox tasks (no render wait), `parallel` at a time, each reported to a loopback webhook
 * endpoint: the time from the event (the task's settlement, its `timestamp`) to the receiver getting
 * its signed delivery.
 */
export async function measureWebhookLatency(count: number, parallel: number): Promise<WebhookLatency> {
  const lags: number[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const receivedAt = Date.now();
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string };
      lags.push(receivedAt - Date.parse(event.timestamp));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
  const gateway = await startBenchGateway({ ADS_ALLOW_PRIVATE_URLS: 'true', ADS_SANDBOX_RUN_SECONDS: '0' });
  try {
    await callJson(`${gateway.url}/v1/webhooks`, gateway.apiKey, { body: { url: receiverUrl }, expect: 201 });
    const body = {
      provider: 'sandbox',
      model: 'sandbox-video',
      scene: 'text-to-video',
      prompt: 'a signal flag',
      options: { run_seconds: 0, duration: 1, resolution: '240p' },
    };
    for (let start = 0; start < count; start += parallel) {
      await Promise.all(
        Array.from({ length: Math.min(parallel, count - start) }, () =>
          callJson(`${gateway.url}/v1/videos/generations`, gateway.apiKey, { body }),
        ),
      );
    }
    const deadline = Date.now() + 120_000;
    while (lags.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${lags.length} of ${count} webhooks arrived`);
      await sleep(100);
    }
    const sorted = [...lags].sort((a, b) => a - b);
    return {
      webhook_delivery_p50_ms: percentile(sorted, 50),
      webhook_delivery_p99_ms: percentile(sorted, 99),
      webhook_deliveries: lags.length,
    };
  } finally {
    await gateway.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}
