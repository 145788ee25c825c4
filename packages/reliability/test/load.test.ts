import { freePort } from '@ads/testing';
import { afterAll, expect, it } from 'vitest';
import {
  call,
  endScenario,
  sqliteStore,
  startGateway,
  startScenarioEmulators,
  summary,
} from './support/scenario.js';

const seconds = Number(process.env.ADS_LOAD_SECONDS ?? 60);
const workers = 24;

afterAll(endScenario);

it('load: 60 s of mixed create, query and wait at full speed: zero errors; rate and p99 reported', async () => {
  // kie jobs of one second that report their end by webhook, as a production gateway is set up; the
  // account's limits are lifted (each callback is followed by a read of the record), so that the
  // gateway is loaded, not kie's 20 creates per 10 s and 10 reads a second.
  const unlimited = { limit: 1_000_000, windowMs: 1000 };
  const emulators = await startScenarioEmulators({
    kie: { jobMs: 1_000, submitLimit: unlimited, statusLimit: unlimited, webhookHmacKey: 'kie-hmac' },
  });
  const port = await freePort();
  const gateway = await startGateway({
    ...(await sqliteStore()),
    ...emulators.environment,
    PORT: String(port),
    ADS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    KIE_WEBHOOK_HMAC_KEY: 'kie-hmac',
    ADS_STARTER_CREDITS: '100000000',
  });
  const { url } = gateway;
  const apiKey = gateway.firstKey as string;
  const job = { provider: 'kie', model: 'bytedance/seedance-2-mini', scene: 'text-to-video' };
  const latencies: number[] = [];
  const quick: number[] = [];
  const errors: string[] = [];
  const byKind = { create: 0, query: 0, wait: 0 };
  const known: string[] = [];
  const deadline = Date.now() + seconds * 1000;
  const worker = async (index: number) => {
    for (let turn = 0; Date.now() < deadline; turn += 1) {
      const pick = (index + turn) % 10;
      const kind = pick < 5 && known.length > 0 ? 'query' : pick < 9 ? 'create' : 'wait';
      const started = performance.now();
      try {
        const answer =
          kind === 'query'
            ? await call(`${url}/v1/tasks/${known[(turn * 7 + index) % known.length]}`, 'GET', { apiKey })
            : kind === 'create'
              ? await call(`${url}/v1/videos/generations`, 'POST', {
                  apiKey,
                  body: { ...job, prompt: `load ${index}-${turn}` },
                })
              : await call(`${url}/api/actions/ai.video.generate_and_wait`, 'POST', {
                  apiKey,
                  body: { ...job, prompt: `wait ${index}-${turn}`, timeoutMs: 60_000 },
                });
        if (answer.status !== 200) errors.push(`${kind} ${answer.status} ${answer.text.slice(0, 200)}`);
        else if (kind === 'create') known.push(answer.body.id);
        else if (kind === 'wait' && answer.body.status !== 'success')
          errors.push(`wait ended ${answer.body.status}`);
      } catch (error) {
        errors.push(`${kind} ${String(error)}`);
      }
      const elapsed = performance.now() - started;
      latencies.push(elapsed);
      if (kind !== 'wait') quick.push(elapsed);
      byKind[kind] += 1;
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));
  const p = (q: number, list = latencies) => {
    const sorted = [...list].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  };
  summary('load', {
    seconds,
    connections: workers,
    requests: latencies.length,
    rate_per_s: Math.round(latencies.length / seconds),
    ...byKind,
    p50_ms: p(0.5),
    p99_ms: p(0.99),
    create_query_p99_ms: p(0.99, quick),
    errors: errors.length,
  });
  expect(errors.slice(0, 5)).toEqual([]);
  expect(byKind.wait).toBeGreaterThan(0);
});
