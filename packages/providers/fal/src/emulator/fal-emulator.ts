import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type EmulatedJob,
  EmulatorCore,
  type EmulatorOptions,
  postWebhook,
  readBody,
  sendJson,
  startHttpServer,
} from '@ads/provider/testing';
import { falCatalog } from '../fal-catalog.js';
import { falAppRoot } from '../fal-endpoint.js';

/** An answer fal gives to a result read instead of the result (a rotated key, a locked account...). */
export interface FalResultReadFault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many result reads of each finished job get this answer before the real result. */
  count: number;
}

export interface FalEmulatorOptions extends EmulatorOptions {
  port?: number;
  /** Result reads of a COMPLETED request answered with an error first (fal billed the job all the same). */
  resultReadFault?: FalResultReadFault;
}

export interface FalEmulator {
  /** Serves the queue and, like rest.fal.ai, the webhook keys at /.well-known/jwks.json. */
  url: string;
  jwksUrl: string;
  core: EmulatorCore;
  close(): Promise<void>;
}

function requiredFieldMissing(model: string, input: Record<string, unknown>): string | undefined {
  const entry = falCatalog.find((candidate) => candidate.model === model);
  return entry?.fields.find((field) => field.required && input[field.name] === undefined)?.name;
}

/** What fal's result request answers for a finished job: the model's output, or its error. */
function resultOf(job: EmulatedJob, baseUrl: string, fileBytes: number): { status: number; body: unknown } {
  if (job.canceled)
    return { status: 499, body: { detail: 'Request was cancelled', error_type: 'client_cancelled' } };
  const missing = requiredFieldMissing(job.model, job.input);
  if (missing)
    return {
      status: 422,
      body: { detail: [{ loc: ['body', missing], msg: 'field required', type: 'value_error.missing' }] },
    };
  if (job.outcome.kind === 'failure') {
    return {
      status: job.outcome.code,
      body: {
        detail: [{ loc: ['body', 'prompt'], msg: job.outcome.message, type: 'content_policy_violation' }],
      },
    };
  }
  return {
    status: 200,
    body: {
      video: {
        url: `${baseUrl}/files/${job.id}.mp4`,
        content_type: 'video/mp4',
        file_name: 'output.mp4',
        file_size: fileBytes,
      },
    },
  };
}

/**
 * An in-process HTTP server that behaves like fal's queue on the wire: submit to the full endpoint
 * id, status and result under owner/app (202 while running, no FAILED status: failures show in the
 * result), cancel, ED25519-signed webhooks with the keys served as JWKS, rate limits and faults.
 */
export async function startFalEmulator(options: FalEmulatorOptions = {}): Promise<FalEmulator> {
  const core = new EmulatorCore(options);
  const keys = generateKeyPairSync('ed25519');
  const jwk = keys.publicKey.export({ format: 'jwk' });
  let baseUrl = '';
  const resultReadFaults = new Map<string, number>();

  const urlsOf = (job: EmulatedJob) => {
    const base = `${baseUrl}/${falAppRoot(job.model)}/requests/${job.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  };

  core.deliver = async (job) => {
    const result = resultOf(job, baseUrl, core.files.sizeOf(job.id));
    const ok = result.status >= 200 && result.status < 300;
    const body = JSON.stringify({
      request_id: job.id,
      gateway_request_id: job.id,
      status: ok ? 'OK' : 'ERROR',
      payload: result.body,
      ...(ok ? {} : { error: `Invalid status code: ${result.status}` }),
    });
    const timestamp = String(Math.floor(core.now() / 1000));
    const userId = 'emulator-user';
    const digest = createHash('sha256').update(body).digest('hex');
    const signature = sign(
      null,
      Buffer.from([job.id, userId, timestamp, digest].join('\n')),
      keys.privateKey,
    ).toString('hex');
    await postWebhook(job.webhookUrl as string, body, {
      'x-fal-webhook-request-id': job.id,
      'x-fal-webhook-user-id': userId,
      'x-fal-webhook-timestamp': timestamp,
      'x-fal-webhook-signature': signature,
    });
  };

  async function submit(request: IncomingMessage, response: ServerResponse, url: URL) {
    core.stats.submits += 1;
    if (!core.takeSubmit())
      return sendJson(response, 429, { detail: 'Too many requests' }, core.throttledHeaders('submit'));
    if (core.inject(options.faults?.submitErrorRate))
      return sendJson(response, 503, {
        detail: 'Runner scheduling failure',
        error_type: 'runner_scheduling_failure',
      });
    const endpointId = url.pathname.slice(1);
    if (!falCatalog.some((entry) => entry.model === endpointId))
      return sendJson(response, 404, { detail: `Application '${endpointId}' not found` });
    let input: Record<string, unknown>;
    try {
      input = JSON.parse((await readBody(request)).toString('utf8'));
    } catch {
      return sendJson(response, 422, { detail: 'Invalid JSON body' });
    }
    const job = core.createJob(endpointId, input, url.searchParams.get('fal_webhook') ?? undefined);
    const queued = [...core.jobs.values()].filter((other) => core.phase(other) === 'queued').length - 1;
    sendJson(response, 200, {
      status: 'IN_QUEUE',
      request_id: job.id,
      ...urlsOf(job),
      queue_position: Math.max(0, queued),
    });
  }

  async function request(method: string, response: ServerResponse, job: EmulatedJob, action: string) {
    const phase = core.phase(job);
    if (method === 'GET' && action === 'status') {
      core.stats.statusReads += 1;
      const release = core.beginStatusRead(job.id);
      await core.delay(true).finally(release);
      if (!core.takeStatus())
        return sendJson(response, 429, { detail: 'Too many requests' }, core.throttledHeaders('status'));
      if (core.inject(options.faults?.statusErrorRate))
        return sendJson(response, 503, '<html>503 Service Unavailable</html>');
      if (phase === 'queued')
        return sendJson(response, 202, {
          status: 'IN_QUEUE',
          request_id: job.id,
          queue_position: 0,
          ...urlsOf(job),
        });
      if (phase === 'running')
        return sendJson(response, 202, {
          status: 'IN_PROGRESS',
          request_id: job.id,
          logs: null,
          ...urlsOf(job),
        });
      return sendJson(response, 200, {
        status: 'COMPLETED',
        request_id: job.id,
        logs: null,
        metrics: { inference_time: job.runMs / 1000 },
        ...urlsOf(job),
      });
    }
    if (method === 'GET' && action === '') {
      core.stats.resultReads += 1;
      if (phase === 'queued' || phase === 'running')
        return sendJson(response, 400, { detail: 'Request is still in progress' });
      const fault = options.resultReadFault;
      const faulted = resultReadFaults.get(job.id) ?? 0;
      if (fault && faulted < fault.count) {
        resultReadFaults.set(job.id, faulted + 1);
        core.stats.faultsInjected += 1;
        return sendJson(response, fault.status, fault.body ?? '', fault.headers);
      }
      const result = resultOf(job, baseUrl, core.files.sizeOf(job.id));
      return sendJson(response, result.status, result.body);
    }
    if (method === 'PUT' && action === 'cancel') {
      if (phase === 'done' || phase === 'canceled')
        return sendJson(response, 400, { status: 'ALREADY_COMPLETED' });
      // A queued request is removed; a running one may still finish, as fal warns.
      if (phase === 'queued') job.canceled = true;
      return sendJson(response, 202, { status: 'CANCELLATION_REQUESTED' });
    }
    sendJson(response, 405, { detail: 'Method not allowed' });
  }

  /** Uploads begun at rest.fal.ai's initiate, waiting for their PUT. */
  const initiated = new Map<string, { name: string; contentType: string }>();

  async function initiateUpload(request: IncomingMessage, response: ServerResponse) {
    const body = JSON.parse((await readBody(request)).toString() || '{}') as Record<string, unknown>;
    if (typeof body.content_type !== 'string' || typeof body.file_name !== 'string') {
      return sendJson(response, 422, { detail: 'content_type and file_name are required' });
    }
    const id = randomUUID();
    initiated.set(id, { name: body.file_name, contentType: body.content_type });
    return sendJson(response, 200, {
      upload_url: `${baseUrl}/cdn-upload/${id}?X-Goog-Signature=emulated`,
      file_url: `${baseUrl}/cdn/files/${id}/${encodeURIComponent(body.file_name)}`,
    });
  }

  async function receiveUpload(request: IncomingMessage, response: ServerResponse, id: string) {
    const upload = initiated.get(id);
    if (!upload) return sendJson(response, 403, { detail: 'The signed URL is not valid' });
    initiated.delete(id);
    core.uploads.push({
      name: upload.name,
      contentType: String(request.headers['content-type'] ?? ''),
      bytes: await readBody(request),
      url: `${baseUrl}/cdn/files/${id}/${encodeURIComponent(upload.name)}`,
    });
    response.writeHead(200).end();
  }

  const server = await startHttpServer(async (incoming, response) => {
    const url = new URL(incoming.url ?? '/', 'http://fal.emulator');
    if (url.pathname === '/.well-known/jwks.json')
      return sendJson(response, 200, { keys: [{ ...jwk, kid: 'emulator' }] });
    if (await core.files.serve(incoming, response, url.pathname)) return;
    // The presigned upload URL: no fal key, as on fal's CDN.
    const presigned = /^\/cdn-upload\/([0-9a-f-]+)$/.exec(url.pathname);
    if (presigned && incoming.method === 'PUT')
      return receiveUpload(incoming, response, presigned[1] as string);
    if (!core.authorized(incoming.headers.authorization, 'Key'))
      return sendJson(response, 401, { detail: 'Invalid or missing API key' });
    if (incoming.method === 'POST' && url.pathname === '/storage/upload/initiate') {
      return initiateUpload(incoming, response);
    }
    await core.delay();
    const match = url.pathname.match(/^\/(.+)\/requests\/([^/]+)(?:\/(status|cancel))?$/);
    if (!match) {
      if (incoming.method === 'POST') return submit(incoming, response, url);
      return sendJson(response, 404, { detail: 'Not found' });
    }
    const [, appRoot, requestId, action = ''] = match;
    const job = core.jobs.get(requestId ?? '');
    // Status under the full endpoint path is refused, as fal does (405 for Kling).
    if (!job) return sendJson(response, 404, { detail: 'Request not found' });
    if (falAppRoot(job.model) !== appRoot) return sendJson(response, 405, { detail: 'Method Not Allowed' });
    return request(incoming.method ?? 'GET', response, job, action);
  }, options.port);
  baseUrl = server.url;

  return {
    url: server.url,
    jwksUrl: `${server.url}/.well-known/jwks.json`,
    core,
    close: async () => {
      core.close();
      await server.close();
    },
  };
}
