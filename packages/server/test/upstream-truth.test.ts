import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { kieWebhookSignature } from '@ads/provider-kie';
import type { KieEmulatorOptions } from '@ads/provider-kie/emulator';
import { freePort, startEmulators } from '@ads/testing';
import { describe, expect, it } from 'vitest';
import { findTask } from '../src/store/task-repository.js';
import { ledgerFacts } from './support/ledger.js';
import { type StoreKind, storeKinds } from './support/stores.js';
import { gatewayBin, releaseJob, startTestGateway, waitForEnd } from './support/test-gateway.js';

const run = promisify(execFile);
const kieBody = (prompt: string) => ({
  provider: 'kie',
  model: 'bytedance/seedance-2-mini',
  scene: 'text-to-video',
  prompt,
});
const falBody = (prompt: string) => ({
  provider: 'fal',
  model: 'fal-ai/kling-video/v2.1/master/text-to-video',
  scene: 'text-to-video',
  prompt,
});

/** The kie emulator signing its callbacks, and a gateway reachable by them (ADS_PUBLIC_URL) that checks them. */
async function withSignedKieCallbacks(store: StoreKind, kie: KieEmulatorOptions) {
  const port = await freePort();
  const emulators = await startEmulators({ kie: { ...kie, webhookHmacKey: 'kie-hmac' } });
  const gateway = await startTestGateway({
    store,
    environment: {
      ...emulators.environment,
      KIE_WEBHOOK_HMAC_KEY: 'kie-hmac',
      PORT: String(port),
      ADS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
  });
  return { emulators, gateway };
}

describe.each(storeKinds)('the upstreams’ real answers on %s', (store) => {
  it.each([
    ['HTTP 200 without data.taskId', 'no-task-id'],
    ['HTTP 200 whose body is not JSON', 'not-json'],
    ['envelope code 500', 'code-500'],
  ] as const)(
    'kie answering a create with %s is submitted once, fails unconfirmed and keeps the credits',
    async (_case, answer) => {
      const emulators = await startEmulators({ kie: { createQuirk: () => ({ answer, created: true }) } });
      const gateway = await startTestGateway({ store, environment: emulators.environment });
      try {
        const created = await gateway.call('POST', '/v1/videos/generations', { body: kieBody('ambiguous') });
        const ended = await waitForEnd(gateway, created.body.id);
        expect(ended).toMatchObject({ status: 'failed', error: { code: 'upstream_unconfirmed' } });
        // kie created (and bills) the job: a second submit would bill it twice.
        expect(emulators.kie.core.stats.submits).toBe(1);
        expect(emulators.kie.core.jobs.size).toBe(1);
        const facts = await ledgerFacts(gateway.gateway.store, gateway.workspaceId);
        expect(facts.perTask.get(created.body.id)).toEqual({ reserves: 1, refunds: 0 });
      } finally {
        await gateway.close();
        await emulators.close();
      }
    },
  );

  it('an unconfirmed kie create recovers by itself when kie’s signed callback names the task', async () => {
    const { emulators, gateway } = await withSignedKieCallbacks(store, {
      hold: true,
      createQuirk: () => ({ answer: 'no-task-id', created: true }),
    });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', { body: kieBody('lost answer') });
      expect((await waitForEnd(gateway, created.body.id)).error.code).toBe('upstream_unconfirmed');
      const [job] = [...emulators.kie.core.jobs.values()];
      expect(job?.webhookUrl).toContain(`task=${created.body.id}`);
      emulators.kie.core.release();
      await emulators.kie.core.until((core) => core.stats.webhooksSent >= 1);
      const recovered = await waitForEnd(gateway, created.body.id);
      expect(recovered).toMatchObject({ status: 'success' });
      const task = await findTask(gateway.gateway.store.db, created.body.id);
      expect(task).toMatchObject({ upstreamId: job?.id, reconciledAt: expect.any(Number) });
      const audit = await gateway.gateway.store.db
        .selectFrom('task_reconciliations')
        .selectAll()
        .where('task_id', '=', created.body.id)
        .execute();
      expect(audit).toEqual([
        expect.objectContaining({ action: 'attach', actor: 'webhook', upstream_id: job?.id }),
      ]);
      expect(emulators.kie.core.stats.submits).toBe(1);
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });

  it('reads a kie resultJson that arrives as an object as the same success', async () => {
    const emulators = await startEmulators({ kie: { hold: true, resultJson: 'object' } });
    const gateway = await startTestGateway({ store, environment: emulators.environment });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', { body: kieBody('object') });
      await releaseJob(gateway, emulators.kie.core, created.body.id);
      const ended = await waitForEnd(gateway, created.body.id);
      expect(ended.status).toBe('success');
      expect(ended.videos[0]).toMatchObject({ stored: true, content_type: 'video/mp4' });
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });

  it('a replayed kie signature over an edited callback body changes nothing: the record decides', async () => {
    const { emulators, gateway } = await withSignedKieCallbacks(store, { hold: true });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', { body: kieBody('forged') });
      const task = await findTask(gateway.gateway.store.db, created.body.id);
      const taskId = task?.upstreamId as string;
      const timestamp = String(Math.floor(Date.now() / 1000));
      // A genuine signature (it covers only taskId.timestamp) on a body that claims a failure.
      const forged = {
        code: 200,
        msg: 'success',
        data: { taskId, state: 'fail', resultJson: '', failCode: '500', failMsg: 'forged failure' },
      };
      const answer = await fetch(`${gateway.url}/webhooks/kie?task=${created.body.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-webhook-timestamp': timestamp,
          'x-webhook-signature': kieWebhookSignature(taskId, timestamp, 'kie-hmac'),
        },
        body: JSON.stringify(forged),
      });
      expect(answer.status).toBe(200);
      // The callback pulled a read forward; kie's record says the job is still running.
      const reads = emulators.kie.core.stats.statusReads;
      await emulators.kie.core.until((core) => core.stats.statusReads > reads);
      expect((await gateway.call('GET', `/v1/tasks/${created.body.id}`)).body.status).toBe('running');
      const facts = await ledgerFacts(gateway.gateway.store, gateway.workspaceId);
      expect(facts.perTask.get(created.body.id)).toEqual({ reserves: 1, refunds: 0 });
      await releaseJob(gateway, emulators.kie.core, created.body.id);
      expect((await waitForEnd(gateway, created.body.id)).status).toBe('success');
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });

  it('fal refusing a COMPLETED result with 401 (a rotated key) is a read error: no refund, an alert, then the video', async () => {
    const emulators = await startEmulators({
      fal: { hold: true, resultReadFault: { status: 401, body: { detail: 'Invalid API key' }, count: 6 } },
    });
    const gateway = await startTestGateway({ store, environment: emulators.environment });
    try {
      const created = await gateway.call('POST', '/v1/videos/generations', { body: falBody('rotated') });
      await releaseJob(gateway, emulators.fal.core, created.body.id);
      const ended = await waitForEnd(gateway, created.body.id, 60_000);
      expect(ended.status).toBe('success');
      expect(emulators.fal.core.stats.resultReads).toBe(7);
      const facts = await ledgerFacts(gateway.gateway.store, gateway.workspaceId);
      expect(facts.perTask.get(created.body.id)).toEqual({ reserves: 1, refunds: 0 });
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      expect(metrics).toMatch(/ads_status_reads_failing_total\{provider="fal",code="upstream_auth"\} 1/);
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });

  it('reconciles an unconfirmed task end to end: the queue, a refund on the admin route, the CLI attach', async () => {
    const emulators = await startEmulators({
      kie: { hold: true, createQuirk: () => ({ answer: 'code-500', created: true }) },
    });
    const gateway = await startTestGateway({ store, environment: emulators.environment });
    try {
      const first = await gateway.call('POST', '/v1/videos/generations', { body: kieBody('refund me') });
      const second = await gateway.call('POST', '/v1/videos/generations', { body: kieBody('attach me') });
      await waitForEnd(gateway, first.body.id);
      await waitForEnd(gateway, second.body.id);
      const queue = await gateway.admin('GET', '/v1/admin/tasks/unconfirmed');
      expect(queue.body.data.map((task: { id: string }) => task.id).sort()).toEqual(
        [first.body.id, second.body.id].sort(),
      );
      const before = await ledgerFacts(gateway.gateway.store, gateway.workspaceId);

      const refunded = await gateway.admin('POST', `/v1/admin/tasks/${first.body.id}/reconcile`, {
        action: 'refund',
        reason: 'not in the kie dashboard',
      });
      expect(refunded.status).toBe(200);
      expect(refunded.body).toMatchObject({
        task: { id: first.body.id, status: 'failed', reconciled_at: expect.any(String) },
        reconciliation: { action: 'refund', actor: 'admin', reason: 'not in the kie dashboard' },
        entry: { kind: 'refund', amount: expect.any(Number), task_id: first.body.id },
      });
      const again = await gateway.admin('POST', `/v1/admin/tasks/${first.body.id}/reconcile`, {
        action: 'refund',
        reason: 'twice',
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('task_not_reconcilable');
      const missingReason = await gateway.admin('POST', `/v1/admin/tasks/${second.body.id}/reconcile`, {
        action: 'attach',
      });
      expect(missingReason.status).toBe(400);

      // The operator finds the job in kie's dashboard and attaches it with ads-server, beside the running gateway.
      const upstreamId = [...emulators.kie.core.jobs.values()][1]?.id as string;
      const cli = (...args: string[]) =>
        run(process.execPath, [gatewayBin, ...args], { env: { ...process.env, ...gateway.environment } });
      const listed = JSON.parse((await cli('tasks', 'reconcile', '--json')).stdout);
      expect(listed.map((task: { id: string }) => task.id)).toEqual([second.body.id]);
      await expect(
        cli('tasks', 'reconcile', '--task', second.body.id, '--upstream-id', upstreamId),
      ).rejects.toMatchObject({
        stderr: expect.stringContaining('--reason'),
      });
      const attached = JSON.parse(
        (
          await cli(
            'tasks',
            'reconcile',
            '--task',
            second.body.id,
            '--upstream-id',
            upstreamId,
            '--reason',
            'found in the kie dashboard',
            '--json',
          )
        ).stdout,
      );
      expect(attached.reconciliation).toMatchObject({ action: 'attach', upstream_id: upstreamId });
      expect(attached.task).toMatchObject({ status: 'running', upstream_id: upstreamId });
      emulators.kie.core.release();
      expect((await waitForEnd(gateway, second.body.id)).status).toBe('success');

      const after = await ledgerFacts(gateway.gateway.store, gateway.workspaceId);
      expect(after.perTask.get(first.body.id)).toEqual({ reserves: 1, refunds: 1 });
      expect(after.perTask.get(second.body.id)).toEqual({ reserves: 1, refunds: 0 });
      expect(after.balance).toBe(before.balance + Number(refunded.body.entry.amount));
      expect(after.balance).toBe(after.sum);
      expect(emulators.kie.core.stats.submits).toBe(2);
      expect((await gateway.admin('GET', '/v1/admin/tasks/unconfirmed')).body.data).toEqual([]);
    } finally {
      await gateway.close();
      await emulators.close();
    }
  });
});
