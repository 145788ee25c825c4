/** A host child process prints one line of this JSON once it listens. */
export interface HostReady {
  url: string;
  /** The kie host's inspection server: GET /jobs and GET /stats. */
  controlUrl?: string;
}

/** How the kie host runs its jobs, passed as JSON in ADS_BENCH_KIE. */
export interface KieHostOptions {
  apiKey: string;
  /** Each job runs for a duration drawn from [min, max] ms, fixed per job index (see jobIndexOf). */
  jobMs: { min: number; max: number; seed: number };
  webhookHmacKey?: string;
}

export interface HostJob {
  id: string;
  prompt: string;
  createdAt: number;
  runMs: number;
}

/** Bench jobs carry their index in the prompt ("bench job 17: …") so durations repeat across runs. */
export const benchPrompt = (index: number) => `bench job ${index}: a lighthouse at dusk, slow dolly in`;

export function jobIndexOf(prompt: unknown): number | undefined {
  const match = typeof prompt === 'string' ? prompt.match(/^bench job (\d+):/) : null;
  return match ? Number(match[1]) : undefined;
}
