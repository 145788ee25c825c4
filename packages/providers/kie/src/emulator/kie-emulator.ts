import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type EmulatedJob,
  EmulatorCore,
  type EmulatorOptions,
  postWebhook,
  type RunningServer,
  readBody,
  sendJson,
  startHttpServer,
  tinyVideo,
} from '@ads/provider/testing';
import { kieCatalog } from '../kie-catalog.js';
import { kieWebhookSignature } from '../kie-webhook.js';

export interface KieEmulatorOptions extends EmulatorOptions {
  /** Signs callbacks as kie does when a webhook HMAC key is set in the kie dashboard. */
  webhookHmacKey?: string;
  /** For how long after create recordInfo answers "recordInfo is null" (default 0). */
  invisibleMs?: number;
  port?: number;
}

export interface KieEmulator {
  url: string;
  core: EmulatorCore;
  close(): Promise<void>;
}

const envelope = (code: number, msg: string, data: unknown = null) => ({ code, msg, data });

/** The recordInfo shape of a jobs task, also the body of its callback. */
function jobRecord(core: EmulatorCore, job: EmulatedJob, baseUrl: string) {
  const phase = core.phase(job);
  const done = phase === 'done';
  const failed = done && job.outcome.kind === 'failure';
  const state =
    phase === 'queued' ? 'waiting' : phase === 'running' ? 'generating' : failed ? 'fail' : 'success';
  return {
    taskId: job.id,
    model: job.model,
    state,
    param: JSON.stringify({
      model: job.model,
      ...(job.webhookUrl ? { callBackUrl: job.webhookUrl } : {}),
      input: job.input,
    }),
    resultJson: done && !failed ? JSON.stringify({ resultUrls: [`${baseUrl}/files/${job.id}.mp4`] }) : '',
    failCode: failed && job.outcome.kind === 'failure' ? String(job.outcome.code) : '',
    failMsg: failed && job.outcome.kind === 'failure' ? job.outcome.message : '',
    costTime: done ? job.runMs : null,
    completeTime: done ? core.finishesAt(job) : null,
    createTime: job.createdAt,
    updateTime: core.now(),
    ...(job.model.startsWith('sora-2') ? { progress: core.progress(job) } : {}),
  };
}

/** The /veo/record-info shape of a Veo task. */
function veoRecord(core: EmulatorCore, job: EmulatedJob, baseUrl: string) {
  const done = core.phase(job) === 'done';
  const failed = done && job.outcome.kind === 'failure';
  return {
    taskId: job.id,
    paramJson: JSON.stringify({ ...job.input, model: job.model }),
    createTime: new Date(job.createdAt).toISOString().replace('T', ' ').slice(0, 19),
    completeTime: done ? new Date(core.finishesAt(job)).toISOString().replace('T', ' ').slice(0, 19) : null,
    response:
      done && !failed
        ? { taskId: job.id, resultUrls: [`${baseUrl}/files/${job.id}.mp4`], resolution: '720p' }
        : null,
    successFlag: !done ? 0 : failed ? 2 : 1,
    errorCode: failed && job.outcome.kind === 'failure' ? job.outcome.code : null,
    errorMessage: failed && job.outcome.kind === 'failure' ? job.outcome.message : '',
    fallbackFlag: false,
  };
}

function missingRequiredField(model: string, input: Record<string, unknown>): string | undefined {
  const entry = kieCatalog.find((candidate) => candidate.model === model);
  return entry?.fields.find(
    (field) => field.required && field.default === undefined && input[field.name] === undefined,
  )?.name;
}

/**
 * An in-process HTTP server that behaves like kie on the wire: createTask / recordInfo and the Veo
 * endpoints, errors in the body under HTTP 200, `resultJson` as a JSON string, a window in which a
 * new task is "recordInfo is null", HMAC-signed callbacks, rate limits and injected faults.
 */
export async function startKieEmulator(options: KieEmulatorOptions = {}): Promise<KieEmulator> {
  const core = new EmulatorCore({ submitLimit: { limit: 20, windowMs: 10_000 }, ...options });
  let baseUrl = '';
  const veoJobs = new Set<string>();

  core.deliver = async (job) => {
    const isVeo = veoJobs.has(job.id);
    const failed = job.outcome.kind === 'failure';
    const body = isVeo
      ? failed && job.outcome.kind === 'failure'
        ? envelope(job.outcome.code, job.outcome.message, { taskId: job.id, fallbackFlag: false })
        : envelope(200, 'Veo3.1 video generated successfully.', {
            taskId: job.id,
            info: { resultUrls: [`${baseUrl}/files/${job.id}.mp4`], resolution: '720p' },
            fallbackFlag: false,
          })
      : envelope(200, 'success', jobRecord(core, job, baseUrl));
    const timestamp = String(Math.floor(core.now() / 1000));
    const headers: Record<string, string> = options.webhookHmacKey
      ? {
          'x-webhook-timestamp': timestamp,
          'x-webhook-signature': kieWebhookSignature(job.id, timestamp, options.webhookHmacKey),
        }
      : {};
    await postWebhook(job.webhookUrl as string, JSON.stringify(body), headers);
  };

  async function create(request: IncomingMessage, response: ServerResponse, api: 'jobs' | 'veo') {
    core.stats.submits += 1;
    if (!core.takeSubmit())
      return sendJson(response, 429, envelope(429, 'Rate limit exceeded'), core.throttledHeaders('submit'));
    if (core.inject(options.faults?.submitErrorRate))
      return sendJson(response, 500, envelope(500, 'Server Error - please try again later'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(request)).toString('utf8'));
    } catch {
      return sendJson(response, 200, envelope(400, 'Invalid JSON body'));
    }
    const model = String(body.model ?? (api === 'veo' ? 'veo3_fast' : ''));
    const input = (api === 'veo' ? body : body.input) as Record<string, unknown> | undefined;
    if (!model || !kieCatalog.some((entry) => entry.model === model && (entry.api ?? 'jobs') === api)) {
      return sendJson(response, 200, envelope(422, `The model ${model || '(none)'} is not supported`));
    }
    if (!input || typeof input !== 'object')
      return sendJson(response, 200, envelope(422, 'input is required'));
    const missing = missingRequiredField(model, input);
    if (missing) return sendJson(response, 200, envelope(422, `${missing}: This field is required`));
    const job = core.createJob(
      model,
      input,
      typeof body.callBackUrl === 'string' ? body.callBackUrl : undefined,
    );
    if (api === 'veo') veoJobs.add(job.id);
    sendJson(response, 200, envelope(200, 'success', { taskId: job.id }));
  }

  async function record(url: URL, response: ServerResponse, api: 'jobs' | 'veo') {
    core.stats.statusReads += 1;
    const release = core.beginStatusRead(url.searchParams.get('taskId'));
    try {
      await answerRecord(url, response, api);
    } finally {
      release();
    }
  }

  async function answerRecord(url: URL, response: ServerResponse, api: 'jobs' | 'veo') {
    await core.delay(true);
    if (!core.takeStatus())
      return sendJson(response, 429, envelope(429, 'Rate limit exceeded'), core.throttledHeaders('status'));
    if (core.inject(options.faults?.statusErrorRate))
      return sendJson(response, 500, envelope(500, 'Server Error - please try again later'));
    const taskId = url.searchParams.get('taskId');
    if (!taskId) return sendJson(response, 200, envelope(400, 'taskId parameter is required'));
    const job = core.jobs.get(taskId);
    if (!job || (api === 'veo') !== veoJobs.has(taskId))
      return sendJson(response, 200, envelope(404, 'Task not found'));
    if (core.now() - job.createdAt < (options.invisibleMs ?? 0))
      return sendJson(response, 200, envelope(422, 'recordInfo is null'));
    sendJson(
      response,
      200,
      envelope(200, 'success', api === 'veo' ? veoRecord(core, job, baseUrl) : jobRecord(core, job, baseUrl)),
    );
  }

  const server: RunningServer = await startHttpServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://kie.emulator');
    if (request.method === 'GET' && url.pathname.startsWith('/files/')) {
      const video = tinyVideo();
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': video.byteLength });
      return void response.end(video);
    }
    if (!core.authorized(request.headers.authorization, 'Bearer')) {
      return sendJson(response, 401, envelope(401, 'You do not have access permissions'));
    }
    await core.delay();
    const route = `${request.method} ${url.pathname}`;
    if (route === 'POST /api/v1/jobs/createTask') return create(request, response, 'jobs');
    if (route === 'POST /api/v1/veo/generate') return create(request, response, 'veo');
    if (route === 'GET /api/v1/jobs/recordInfo') return record(url, response, 'jobs');
    if (route === 'GET /api/v1/veo/record-info') return record(url, response, 'veo');
    sendJson(response, 404, envelope(404, `No route ${route}`));
  }, options.port);
  baseUrl = server.url;

  return {
    url: server.url,
    core,
    close: async () => {
      core.close();
      await server.close();
    },
  };
}
