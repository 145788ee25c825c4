import { runLoad } from '../load/run-load.js';
import { callJson, kieCreateBody, type TaskAnswer } from '../processes/api.js';
import { startHost } from '../processes/child.js';
import { startBenchGateway } from '../processes/gateway.js';
import { benchKieKey, kieHostEnvironment } from './kie-environment.js';

export interface QueryThroughput {
  query_rps_ratio: number;
  query_rps: number;
  hello_rps: number;
}

const connections = 50;

/**
 * Authenticated GET /v1/tasks/:id (a running kie task, as a client polling it sees) against a bare
 * node:http hello-world, the same autocannon settings for both, in alternating rounds.
 */
export async function measureQueryThroughput(seconds: number): Promise<QueryThroughput> {
  const hello = await startHost('hello-host');
  const kie = await startHost('kie-host', kieHostEnvironment({ min: 3_600_000, max: 3_600_000 }));
  const gateway = await startBenchGateway({ KIE_API_KEY: benchKieKey, KIE_BASE_URL: kie.url });
  try {
    const task = await callJson<TaskAnswer>(`${gateway.url}/v1/videos/generations`, gateway.apiKey, {
      body: kieCreateBody('a task a client polls'),
    });
    const query = {
      url: `${gateway.url}/v1/tasks/${task.id}`,
      headers: { authorization: `Bearer ${gateway.apiKey}` },
      connections,
    };
    await runLoad({ ...query, duration: 2 });
    await runLoad({ url: hello.url, connections, duration: 2 });
    const helloRps: number[] = [];
    const queryRps: number[] = [];
    for (let round = 0; round < 2; round += 1) {
      const helloRun = await runLoad({ url: hello.url, connections, duration: seconds / 2 });
      const queryRun = await runLoad({ ...query, duration: seconds / 2 });
      if (queryRun.non2xx > 0 || queryRun.errors > 0) {
        throw new Error(`GET /v1/tasks/:id failed ${queryRun.non2xx + queryRun.errors} times under load`);
      }
      helloRps.push(helloRun.rps);
      queryRps.push(queryRun.rps);
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    return {
      query_rps_ratio: sum(queryRps) / sum(helloRps),
      query_rps: sum(queryRps) / queryRps.length,
      hello_rps: sum(helloRps) / helloRps.length,
    };
  } finally {
    await Promise.all([gateway.stop(), kie.stop(), hello.stop()]);
  }
}
