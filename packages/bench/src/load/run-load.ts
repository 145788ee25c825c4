import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  /** Seconds to run. */
  duration: number;
  /** Requests per second across all connections; unset runs as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  /** Every 2xx latency, in milliseconds, sorted (autocannon's own histogram keeps whole ms only). */
  latenciesMs: number[];
  non2xx: number;
  errors: number;
}

/** One autocannon run (the load generator of the bench; the servers it loads are other processes). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.body === undefined ? {} : { body: options.body }),
        connections: options.connections,
        duration: options.duration,
        ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance?.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime);
  });
  const result = await finished;
  latenciesMs.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    rps: result.requests.total / (result.duration || options.duration),
    latenciesMs,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
