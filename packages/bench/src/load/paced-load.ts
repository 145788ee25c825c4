import { Pool } from 'undici';

export interface PacedOptions {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Connections the requests spread over. */
  connections: number;
  /** Seconds to run. */
  duration: number;
  /**
   * Requests per second, sent evenly spaced whether or not earlier ones have been answered (an open
   * loop, as independent clients arrive). Unset: one request after another on each connection.
   */
  rate?: number;
}

export interface PacedResult {
  /** Every 2xx latency in milliseconds, from the moment the request was due, sorted. */
  latenciesMs: number[];
  /** Answered requests per second. */
  rps: number;
  non2xx: number;
  errors: number;
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Load at an even pace, the way the overhead figures are taken: each latency is measured from when
 * its request was due, so a server that falls behind is charged for the queue it builds
 * (autocannon's rate sends each second's requests at once, which measures its bursts instead).
 */
export async function runPaced(options: PacedOptions): Promise<PacedResult> {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1 });
  const latenciesMs: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const send = async (dueAt: number) => {
    try {
      const answer = await pool.request({
        path: `${target.pathname}${target.search}`,
        method: options.method,
        headers: options.headers,
        ...(options.body === undefined ? {} : { body: options.body }),
      });
      await answer.body.dump();
      if (answer.statusCode >= 200 && answer.statusCode < 300) latenciesMs.push(nowMs() - dueAt);
      else non2xx += 1;
    } catch {
      errors += 1;
    }
  };
  const started = nowMs();
  const endAt = started + options.duration * 1000;
  const inFlight = new Set<Promise<void>>();
  const track = (request: Promise<void>) => {
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };
  if (options.rate === undefined) {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (nowMs() < endAt) await send(nowMs());
      }),
    );
  } else {
    const interval = 1000 / options.rate;
    let sent = 0;
    while (nowMs() < endAt) {
      // Every request due by now goes out; the timer then waits for the next one.
      const due = Math.floor((nowMs() - started) / interval) + 1;
      for (; sent < due; sent += 1) track(send(started + sent * interval));
      const next = started + sent * interval;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - nowMs())));
    }
  }
  await Promise.all(inFlight);
  const seconds = (nowMs() - started) / 1000;
  await pool.close();
  latenciesMs.sort((a, b) => a - b);
  return { latenciesMs, rps: latenciesMs.length / seconds, non2xx, errors };
}
