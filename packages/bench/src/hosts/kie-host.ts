// The kie emulator in a process of its own, so the load generator and the gateway never share its CPU.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '@ads/provider';
import { startKieEmulator } from '@ads/provider-kie/emulator';
import { type HostJob, type HostReady, jobIndexOf, type KieHostOptions } from './host-protocol.js';

const options = JSON.parse(process.env.ADS_BENCH_KIE ?? '{}') as KieHostOptions;
const durations: number[] = [];
const draw = seededRandom(options.jobMs.seed);

/** The duration of job `index`: the index-th draw of the seeded sequence. */
function durationOf(index: number): number {
  while (durations.length <= index) {
    durations.push(Math.round(options.jobMs.min + draw() * (options.jobMs.max - options.jobMs.min)));
  }
  return durations[index] ?? options.jobMs.min;
}

const emulator = await startKieEmulator({
  apiKey: options.apiKey,
  // kie's own submit limit (20 per 10 s per key) would measure the limit, not the gateway.
  submitLimit: { limit: 1_000_000, windowMs: 1000 },
  jobMs: ({ input }) => {
    const index = jobIndexOf(input.prompt);
    return index === undefined ? options.jobMs.min : durationOf(index);
  },
  ...(options.webhookHmacKey ? { webhookHmacKey: options.webhookHmacKey } : {}),
});

const control = createServer((request, response) => {
  const body =
    request.url === '/stats'
      ? emulator.core.stats
      : [...emulator.core.jobs.values()].map(
          (job): HostJob => ({
            id: job.id,
            prompt: String(job.input.prompt ?? ''),
            createdAt: job.createdAt,
            runMs: job.runMs,
          }),
        );
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
const ready: HostReady = {
  url: emulator.url,
  controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
