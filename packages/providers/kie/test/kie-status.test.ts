import { afterEach, describe, expect, it } from 'vitest';
import { mockedKie } from './kie-mock.js';

let mock = mockedKie();
afterEach(async () => {
  await mock.agent.close();
  mock = mockedKie();
});

const jobs = { api: 'jobs', taskId: 'task_12345678', model: 'bytedance/seedance-2-mini' };
const veo = { api: 'veo', taskId: 'veo_task_abcdef123456', model: 'veo3_fast' };
const recordPath = '/api/v1/jobs/recordInfo?taskId=task_12345678';

const record = (fields: Record<string, unknown>) => ({
  code: 200,
  msg: 'success',
  data: {
    taskId: 'task_12345678',
    model: 'bytedance/seedance-2-mini',
    param: '{"model":"bytedance/seedance-2-mini"}',
    ...fields,
  },
});

describe('kie status (recordInfo)', () => {
  it.each([['waiting'], ['queuing'], ['generating']])('maps state %s to pending', async (state) => {
    mock.reply('GET', recordPath, 200, record({ state, resultJson: null, failCode: null, failMsg: null }));
    await expect(mock.provider.status(jobs)).resolves.toEqual({ state: 'pending' });
    expect(mock.seen[0]).toMatchObject({
      method: 'GET',
      headers: expect.objectContaining({ authorization: 'Bearer kie-test-key' }),
    });
  });

  it('reads progress where kie reports it', async () => {
    mock.reply('GET', recordPath, 200, record({ state: 'generating', progress: 45 }));
    await expect(mock.provider.status(jobs)).resolves.toEqual({ state: 'pending', progress: 45 });
  });

  it('parses resultJson, a JSON string, on success', async () => {
    mock.reply(
      'GET',
      recordPath,
      200,
      record({
        state: 'success',
        resultJson: '{"resultUrls":["https://tempfile.aiquickdraw.com/v/abc.mp4"]}',
        failCode: '',
        failMsg: '',
        costTime: 61000,
      }),
    );
    await expect(mock.provider.status(jobs)).resolves.toEqual({
      state: 'success',
      videos: [{ url: 'https://tempfile.aiquickdraw.com/v/abc.mp4' }],
    });
  });

  it('reads a resultJson that arrives as an object the same as the documented JSON string', async () => {
    mock.reply(
      'GET',
      recordPath,
      200,
      record({
        state: 'success',
        resultJson: { resultUrls: ['https://tempfile.aiquickdraw.com/v/abc.mp4'] },
        failCode: '',
        failMsg: '',
      }),
    );
    await expect(mock.provider.status(jobs)).resolves.toEqual({
      state: 'success',
      videos: [{ url: 'https://tempfile.aiquickdraw.com/v/abc.mp4' }],
    });
  });

  it.each([['{"resultUrls":['], ['not json'], [''], ['[]']])(
    'treats a success with the unreadable resultJson %j as a read error, never a failed generation',
    async (resultJson) => {
      mock.reply('GET', recordPath, 200, record({ state: 'success', resultJson, failCode: '', failMsg: '' }));
      await expect(mock.provider.status(jobs)).rejects.toMatchObject({
        code: 'upstream_bad_response',
        isRetryable: true,
      });
    },
  );

  it('maps fail to failed with failCode and failMsg', async () => {
    mock.reply('GET', recordPath, 200, {
      code: 200,
      message: 'success',
      data: {
        taskId: 'task_12345678',
        state: 'fail',
        resultJson: '',
        failCode: '422',
        failMsg: 'Invalid prompt: prompt contains prohibited content',
      },
    });
    await expect(mock.provider.status(jobs)).resolves.toEqual({
      state: 'failed',
      code: 'upstream_rejected',
      message: 'Invalid prompt: prompt contains prohibited content (kie code 422)',
      retryable: false,
    });
  });

  it('treats "recordInfo is null" and data: null right after create as pending', async () => {
    mock.reply('GET', recordPath, 200, { code: 422, msg: 'recordInfo is null', data: null });
    await expect(mock.provider.status(jobs)).resolves.toEqual({ state: 'pending' });
    mock.reply('GET', recordPath, 200, { code: 200, msg: 'success', data: null });
    await expect(mock.provider.status(jobs)).resolves.toEqual({ state: 'pending' });
  });

  it('maps code 501 on the record to a failed generation', async () => {
    mock.reply('GET', recordPath, 200, { code: 501, msg: 'Generation failed', data: null });
    await expect(mock.provider.status(jobs)).resolves.toMatchObject({
      state: 'failed',
      code: 'upstream_failed',
    });
  });

  it('throws a retryable error on a server error, after one request (the engine owns retries)', async () => {
    mock.reply('GET', recordPath, 500, { code: 500, msg: 'Server Error - try later', data: null });
    await expect(mock.provider.status(jobs)).rejects.toMatchObject({
      code: 'upstream_unavailable',
      isRetryable: true,
    });
    expect(mock.seen).toHaveLength(1);
  });

  it('passes kie’s Retry-After on as given, 30 s and all', async () => {
    mock.reply(
      'GET',
      recordPath,
      429,
      { code: 429, msg: 'Rate limit exceeded', data: null },
      { 'retry-after': '30' },
    );
    await expect(mock.provider.status(jobs)).rejects.toMatchObject({
      code: 'upstream_rate_limited',
      isRetryable: true,
      retryAfterSeconds: 30,
    });
    expect(mock.seen).toHaveLength(1);
  });
});

describe('kie status (Veo record-info)', () => {
  const path = '/api/v1/veo/record-info?taskId=veo_task_abcdef123456';
  const veoRecord = (fields: Record<string, unknown>) => ({
    code: 200,
    msg: 'success',
    data: {
      taskId: veo.taskId,
      paramJson: '{}',
      createTime: '2025-06-06 10:25:00',
      fallbackFlag: false,
      ...fields,
    },
  });

  it('maps successFlag 0 to pending, 1 to success and 3 to failed', async () => {
    mock.reply('GET', path, 200, veoRecord({ successFlag: 0, response: null }));
    await expect(mock.provider.status(veo)).resolves.toEqual({ state: 'pending' });
    mock.reply(
      'GET',
      path,
      200,
      veoRecord({
        successFlag: 1,
        response: { taskId: veo.taskId, resultUrls: ['http://example.com/video1.mp4'], resolution: '1080p' },
      }),
    );
    await expect(mock.provider.status(veo)).resolves.toEqual({
      state: 'success',
      videos: [{ url: 'http://example.com/video1.mp4' }],
    });
    mock.reply(
      'GET',
      path,
      200,
      veoRecord({ successFlag: 3, errorCode: 501, errorMessage: 'Generation failed upstream' }),
    );
    await expect(mock.provider.status(veo)).resolves.toMatchObject({
      state: 'failed',
      message: 'Generation failed upstream (kie code 501)',
    });
  });

  it('accepts resultUrls sent as a JSON string', async () => {
    mock.reply(
      'GET',
      path,
      200,
      veoRecord({ successFlag: 1, response: { resultUrls: '["http://example.com/v.mp4"]' } }),
    );
    await expect(mock.provider.status(veo)).resolves.toEqual({
      state: 'success',
      videos: [{ url: 'http://example.com/v.mp4' }],
    });
  });
});

describe('kie cancel', () => {
  it('is unsupported: kie documents no cancel', async () => {
    await expect(mock.provider.cancel()).resolves.toBe('unsupported');
  });
});
