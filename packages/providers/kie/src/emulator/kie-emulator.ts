import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type EmulatedJob,
  EmulatorCore,
  type EmulatorOptions,
  postWebhook,
  type RunningServer,
  readBody,
  readMultipart,
  sendJson,
  startHttpServer,
} from '@ads/provider/testing';
import { kieCatalog } from '../kie-catalog.js';
import { type KieApi, type KieTaskApi, kieFamilies, kieTaskApis } from '../kie-families.js';
import { followUpId, isFollowUpApi, type KieFollowUpApi } from '../kie-follow-ups.js';
import { kieWebhookSignature } from '../kie-webhook.js';

/**
 * A create answer that leaves open whether kie created the task, as kie can send: HTTP 200 without
 * `data.taskId`, a 200 whose body is not JSON, or envelope code 500. `created` says whether the
 * emulated kie made (and will bill, and call back for) the job all the same.
 */
export interface KieCreateQuirk {
  answer: 'no-task-id' | 'not-json' | 'code-500';
  created: boolean;
}

export interface KieEmulatorOptions extends EmulatorOptions {
  /** Which creates get an ambiguous answer (see KieCreateQuirk); none by default. */
  createQuirk?: (job: { model: string; input: Record<string, unknown> }) => KieCreateQuirk | undefined;
  /** `object`: recordInfo sends `resultJson` as an object, as some kie answers do (default a JSON string). */
  resultJson?: 'string' | 'object';
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
function jobRecord(core: EmulatorCore, job: EmulatedJob, baseUrl: string, resultAs: 'string' | 'object') {
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
    resultJson: done && !failed ? resultJson([`${baseUrl}/files/${job.id}.mp4`], resultAs) : '',
    failCode: failed && job.outcome.kind === 'failure' ? String(job.outcome.code) : '',
    failMsg: failed && job.outcome.kind === 'failure' ? job.outcome.message : '',
    costTime: done ? job.runMs : null,
    completeTime: done ? core.finishesAt(job) : null,
    createTime: job.createdAt,
    updateTime: core.now(),
    ...(job.model.startsWith('sora-2') ? { progress: core.progress(job) } : {}),
  };
}

function resultJson(resultUrls: string[], as: 'string' | 'object') {
  return as === 'object' ? { resultUrls } : JSON.stringify({ resultUrls });
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

/** The /runway/record-detail shape of a Runway task (generate or extend). */
function runwayRecord(core: EmulatorCore, job: EmulatedJob, baseUrl: string) {
  const phase = core.phase(job);
  const failed = phase === 'done' && job.outcome.kind === 'failure';
  return {
    taskId: job.id,
    parentTaskId: typeof job.input.taskId === 'string' ? job.input.taskId : '',
    generateParam: { prompt: job.input.prompt, imageUrl: job.input.imageUrl ?? '' },
    state: phase === 'queued' ? 'queueing' : phase === 'running' ? 'generating' : failed ? 'fail' : 'success',
    generateTime: new Date(job.createdAt).toISOString().replace('T', ' ').slice(0, 19),
    videoInfo:
      phase === 'done' && !failed
        ? { videoId: `v-${job.id}`, taskId: job.id, videoUrl: `${baseUrl}/files/${job.id}.mp4`, imageUrl: '' }
        : null,
    failCode: failed && job.outcome.kind === 'failure' ? job.outcome.code : null,
    failMsg: failed && job.outcome.kind === 'failure' ? job.outcome.message : '',
    expireFlag: 0,
  };
}

/** The /aleph/record-info shape: successFlag 0 while running (and, with a message, when failed), 1 done. */
function alephRecord(core: EmulatorCore, job: EmulatedJob, baseUrl: string) {
  const done = core.phase(job) === 'done';
  const failed = done && job.outcome.kind === 'failure';
  return {
    taskId: job.id,
    paramJson: JSON.stringify(job.input),
    response:
      done && !failed
        ? { taskId: job.id, resultVideoUrl: `${baseUrl}/files/${job.id}.mp4`, resultImageUrl: '' }
        : null,
    successFlag: done && !failed ? 1 : 0,
    errorCode: failed && job.outcome.kind === 'failure' ? job.outcome.code : 0,
    errorMessage: failed && job.outcome.kind === 'failure' ? job.outcome.message : '',
  };
}

/** What each family's callback carries, in its own shape (docs.kie.ai callback pages). */
function callbackBody(api: KieApi, job: EmulatedJob, record: () => unknown, videoUrl: string) {
  const failure = job.outcome.kind === 'failure' ? job.outcome : undefined;
  switch (api) {
    case 'veo':
    case 'veo-extend':
      return failure
        ? envelope(failure.code, failure.message, { taskId: job.id, fallbackFlag: false })
        : envelope(200, 'Veo3.1 video generated successfully.', {
            taskId: job.id,
            info: { resultUrls: [videoUrl], resolution: '720p' },
            fallbackFlag: false,
          });
    case 'runway':
    case 'runway-extend':
      return failure
        ? envelope(failure.code, failure.message, { task_id: job.id })
        : envelope(200, 'All generated successfully.', {
            task_id: job.id,
            video_id: `v-${job.id}`,
            video_url: videoUrl,
            image_url: '',
          });
    case 'veo-1080p':
    case 'veo-4k':
      // kie's 4K callback names the source task, not the follow-up.
      return envelope(200, '4K Video generated successfully.', {
        taskId: String(job.input.taskId ?? ''),
        info: { resultUrls: [videoUrl], imageUrls: [] },
      });
    case 'aleph':
      return {
        ...(failure
          ? envelope(failure.code, failure.message, null)
          : envelope(200, 'success', { result_video_url: videoUrl, result_image_url: '' })),
        taskId: job.id,
      };
    default:
      return envelope(200, 'success', record());
  }
}

/** Which API a record path reads (the first family that reads it). */
const recordPaths: Record<string, KieTaskApi> = Object.fromEntries(
  [...kieTaskApis].reverse().map((api) => [kieFamilies[api].record, api]),
);

/** Which API a create path belongs to. */
const createPaths: Record<string, KieTaskApi> = Object.fromEntries(
  kieTaskApis.map((api) => [kieFamilies[api].create, api]),
);

function missingRequiredField(model: string, input: Record<string, unknown>): string | undefined {
  const entry = kieCatalog.find((candidate) => candidate.model === model);
  return entry?.fields.find(
    (field) => field.required && field.default === undefined && input[field.name] === undefined,
  )?.name;
}

/** The ambiguous create answers kie sends (the job may or may not exist behind them). */
function sendQuirk(response: ServerResponse, quirk: KieCreateQuirk): void {
  if (quirk.answer === 'not-json') {
    response.writeHead(200, { 'content-type': 'text/html' });
    return void response.end('<html><body>OK</body></html>');
  }
  const body =
    quirk.answer === 'code-500'
      ? envelope(500, 'Server Error - an unexpected error occurred')
      : envelope(200, 'success', {});
  sendJson(response, 200, body);
}

/**
 * An in-process HTTP server that behaves like kie on the wire: createTask / recordInfo and the Veo
 * endpoints, errors in the body under HTTP 200, `resultJson` as a JSON string, a window in which a
 * new task is "recordInfo is null", HMAC-signed callbacks, rate limits and injected faults.
 */
export async function startKieEmulator(options: KieEmulatorOptions = {}): Promise<KieEmulator> {
  // kie's documented account limits: 20 new generation requests per 10 s, 10 record reads a second.
  const core = new EmulatorCore({
    submitLimit: { limit: 20, windowMs: 10_000 },
    statusLimit: { limit: 10, windowMs: 1000 },
    ...options,
  });
  let baseUrl = '';
  const jobApis = new Map<string, KieApi>();
  const followUpJobs = new Map<string, EmulatedJob>();
  const resultAs = options.resultJson ?? 'string';
  const recordOf = (api: KieApi, job: EmulatedJob) => {
    if (api === 'jobs') return jobRecord(core, job, baseUrl, resultAs);
    if (api === 'runway' || api === 'runway-extend') return runwayRecord(core, job, baseUrl);
    if (api === 'aleph') return alephRecord(core, job, baseUrl);
    return veoRecord(core, job, baseUrl);
  };

  core.deliver = async (job) => {
    const api = jobApis.get(job.id) ?? 'jobs';
    const body = callbackBody(api, job, () => recordOf(api, job), `${baseUrl}/files/${job.id}.mp4`);
    const timestamp = String(Math.floor(core.now() / 1000));
    const headers: Record<string, string> = options.webhookHmacKey
      ? {
          'x-webhook-timestamp': timestamp,
          'x-webhook-signature': kieWebhookSignature(job.id, timestamp, options.webhookHmacKey),
        }
      : {};
    await postWebhook(job.webhookUrl as string, JSON.stringify(body), headers);
  };

  /** The model a create names: the jobs API's `model`, Veo's own `model`, or the family's one model. */
  function modelOf(api: KieApi, body: Record<string, unknown>): string {
    if (api === 'jobs') return String(body.model ?? '');
    if (api === 'veo') return String(body.model ?? 'veo3_fast');
    return kieCatalog.find((entry) => entry.api === api)?.model ?? '';
  }

  /** An extend names an earlier task of its family: kie refuses anything else. */
  function sourceProblem(api: KieApi, input: Record<string, unknown>): string | undefined {
    if (api !== 'veo-extend' && api !== 'runway-extend') return undefined;
    const source = typeof input.taskId === 'string' ? input.taskId : '';
    const sourceApi = jobApis.get(source);
    const family = api === 'veo-extend' ? ['veo', 'veo-extend'] : ['runway', 'runway-extend'];
    if (!sourceApi || !family.includes(sourceApi))
      return `taskId ${source || '(none)'} is not a task of this family`;
    const job = core.jobs.get(source);
    if (!job || core.phase(job) !== 'done' || job.outcome.kind !== 'success')
      return 'record status is not success';
    return undefined;
  }

  async function create(request: IncomingMessage, response: ServerResponse, api: KieTaskApi) {
    core.stats.submits += 1;
    if (!core.takeSubmit())
      return sendJson(response, 429, envelope(429, 'Rate limit exceeded'), core.throttledHeaders('submit'));
    // kie's documented refusal: maintenance (455) creates nothing; a 500 would leave it open.
    if (core.inject(options.faults?.submitErrorRate))
      return sendJson(response, 200, envelope(455, 'Service unavailable: kie is under maintenance'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(request)).toString('utf8'));
    } catch {
      return sendJson(response, 200, envelope(400, 'Invalid JSON body'));
    }
    const model = modelOf(api, body);
    const { callBackUrl, ...topLevel } = body;
    const input = (api === 'jobs' ? body.input : topLevel) as Record<string, unknown> | undefined;
    if (!model || !kieCatalog.some((entry) => entry.model === model && (entry.api ?? 'jobs') === api)) {
      return sendJson(response, 200, envelope(422, `The model ${model || '(none)'} is not supported`));
    }
    if (!input || typeof input !== 'object')
      return sendJson(response, 200, envelope(422, 'input is required'));
    const missing = missingRequiredField(model, input);
    if (missing) return sendJson(response, 200, envelope(422, `${missing}: This field is required`));
    const refused = sourceProblem(api, input);
    if (refused) return sendJson(response, 200, envelope(422, refused));
    const quirk = options.createQuirk?.({ model, input });
    if (quirk && !quirk.created) return sendQuirk(response, quirk);
    const job = core.createJob(model, input, typeof callBackUrl === 'string' ? callBackUrl : undefined);
    jobApis.set(job.id, api);
    if (quirk) return sendQuirk(response, quirk);
    sendJson(response, 200, envelope(200, 'success', { taskId: job.id }));
  }

  async function record(url: URL, response: ServerResponse, api: KieTaskApi) {
    core.stats.statusReads += 1;
    const release = core.beginStatusRead(url.searchParams.get('taskId'));
    try {
      await answerRecord(url, response, api);
    } finally {
      release();
    }
  }

  async function answerRecord(url: URL, response: ServerResponse, api: KieTaskApi) {
    await core.delay(true);
    if (!core.takeStatus())
      return sendJson(response, 429, envelope(429, 'Rate limit exceeded'), core.throttledHeaders('status'));
    if (core.inject(options.faults?.statusErrorRate))
      return sendJson(response, 500, envelope(500, 'Server Error - please try again later'));
    const taskId = url.searchParams.get('taskId');
    if (!taskId) return sendJson(response, 200, envelope(400, 'taskId parameter is required'));
    const job = core.jobs.get(taskId);
    const jobApi = jobApis.get(taskId);
    // Each family reads its own records; Veo's record-info also serves its extends.
    if (!job || !jobApi || isFollowUpApi(jobApi) || kieFamilies[jobApi].record !== kieFamilies[api].record)
      return sendJson(response, 200, envelope(404, 'Task not found'));
    if (core.now() - job.createdAt < (options.invisibleMs ?? 0))
      return sendJson(response, 200, envelope(422, 'recordInfo is null'));
    sendJson(response, 200, envelope(200, 'success', recordOf(jobApi, job)));
  }

  /** Veo's 1080p and 4K calls: the first asks for the version, each later one says where it stands. */
  async function followUp(request: IncomingMessage, url: URL, response: ServerResponse, api: KieFollowUpApi) {
    core.stats.statusReads += 1;
    if (!core.takeStatus())
      return sendJson(response, 429, envelope(429, 'Rate limit exceeded'), core.throttledHeaders('status'));
    const body =
      request.method === 'POST'
        ? (JSON.parse((await readBody(request)).toString('utf8') || '{}') as Record<string, unknown>)
        : Object.fromEntries(url.searchParams);
    const source = { taskId: String(body.taskId ?? ''), index: Number(body.index ?? 0) };
    const sourceJob = core.jobs.get(source.taskId);
    const sourceApi = jobApis.get(source.taskId);
    if (!sourceJob || (sourceApi !== 'veo' && sourceApi !== 'veo-extend'))
      return sendJson(response, 200, envelope(404, 'Task not found'));
    if (core.phase(sourceJob) !== 'done' || sourceJob.outcome.kind !== 'success')
      return sendJson(response, 200, envelope(422, 'record status is not success'));
    const key = followUpId(api, source);
    let job = followUpJobs.get(key);
    const asked = !job;
    if (!job) {
      core.stats.submits += 1;
      job = core.createJob(
        api === 'veo-1080p' ? 'veo3/1080p' : 'veo3/4k',
        source,
        typeof body.callBackUrl === 'string' ? body.callBackUrl : undefined,
      );
      jobApis.set(job.id, api);
      followUpJobs.set(key, job);
    }
    const done = core.phase(job) === 'done';
    const resultUrl = `${baseUrl}/files/${job.id}.mp4`;
    if (api === 'veo-1080p') {
      return done
        ? sendJson(response, 200, envelope(200, 'success', { resultUrl }))
        : sendJson(response, 200, envelope(400, '1080P is processing. It should be ready in 1-2 minutes.'));
    }
    if (done)
      return sendJson(
        response,
        200,
        envelope(422, 'The video has been generated successfully', {
          resultUrls: [resultUrl],
          imageUrls: [],
        }),
      );
    return asked
      ? sendJson(response, 200, envelope(200, 'success', { taskId: source.taskId }))
      : sendJson(response, 200, envelope(422, '4k is processing...'));
  }

  /** kie's File Stream Upload: the file is kept and served under /files/uploads/<path>. */
  async function upload(request: IncomingMessage, response: ServerResponse) {
    const { fields, file } = await readMultipart(request);
    if (!file || !fields.uploadPath) {
      return sendJson(response, 200, {
        success: false,
        code: 400,
        msg: 'file and uploadPath are required',
        data: null,
      });
    }
    const fileName = fields.fileName || file.name;
    const filePath = `${fields.uploadPath}/${fileName}`;
    const downloadUrl = `${baseUrl}/uploads/${filePath}`;
    core.uploads.push({ name: fileName, contentType: file.type, bytes: file.bytes, url: downloadUrl });
    return sendJson(response, 200, {
      success: true,
      code: 200,
      msg: 'File uploaded successfully',
      data: {
        fileName,
        filePath,
        downloadUrl,
        fileSize: file.bytes.length,
        mimeType: file.type,
        uploadedAt: new Date().toISOString(),
      },
    });
  }

  const server: RunningServer = await startHttpServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://kie.emulator');
    if (await core.files.serve(request, response, url.pathname)) return;
    if (!core.authorized(request.headers.authorization, 'Bearer')) {
      return sendJson(response, 401, envelope(401, 'You do not have access permissions'));
    }
    await core.delay();
    const route = `${request.method} ${url.pathname}`;
    const createApi = request.method === 'POST' ? createPaths[url.pathname] : undefined;
    if (createApi) return create(request, response, createApi);
    const recordApi = request.method === 'GET' ? recordPaths[url.pathname] : undefined;
    if (recordApi) return record(url, response, recordApi);
    if (route === 'POST /api/file-stream-upload') return upload(request, response);
    if (route === 'GET /api/v1/veo/get-1080p-video') return followUp(request, url, response, 'veo-1080p');
    if (route === 'POST /api/v1/veo/get-4k-video') return followUp(request, url, response, 'veo-4k');
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
