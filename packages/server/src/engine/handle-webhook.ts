import type { WebhookRequest } from '@ads/provider';
import { findTaskByUpstreamId } from '../store/task-repository.js';
import { pullCheckForward } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';
import { notFound } from './gateway-error.js';
import { recoverFromWebhook } from './reconcile-task.js';
import { settleFromStatus } from './settle-from-status.js';
import { isStorableText, unstorableText } from './storable-text.js';

/** However many hints arrive for a task, its check is pulled forward at most once per this window. */
export const webhookHintWindowMs = 2000;

export type WebhookOutcome =
  | 'settled'
  | 'check-pulled-forward'
  | 'already-ended'
  | 'unknown-task'
  | 'recovered';

/**
 * A provider's webhook: verified by its adapter (an unverifiable one throws). A verified terminal
 * status settles the task directly (fal signs the body); anything else only pulls the task's next
 * check forward (kie signs only the taskId, so its callbacks never carry a status), so a forged or
 * replayed webhook can at most cause one extra status read. A webhook for an unknown upstream id may
 * name a task whose submit's answer was lost: see recoverFromWebhook.
 */
export async function handleWebhook(
  context: EngineContext,
  providerId: string,
  request: WebhookRequest,
): Promise<WebhookOutcome> {
  const provider = context.registry.find(providerId);
  // An unconfigured provider has no jobs here: its webhooks are not even verified (nothing is fetched).
  if (!provider?.parseWebhook || !provider.isConfigured())
    throw notFound(`No provider "${providerId}" takes webhooks here.`);
  const event = await provider.parseWebhook(request);
  if (!isStorableText(event.upstreamId)) throw unstorableText('upstream id');
  const task = await findTaskByUpstreamId(context.store.db, providerId, event.upstreamId);
  let outcome: WebhookOutcome;
  if (!task) {
    const recovered = await recoverFromWebhook(context, providerId, event, request.query.get('task'));
    outcome = recovered ? 'recovered' : 'unknown-task';
  } else if (task.status !== 'pending' && task.status !== 'running') outcome = 'already-ended';
  else if (event.verified && event.status && event.status.state !== 'pending') {
    await settleFromStatus(context, task, event.status);
    outcome = 'settled';
  } else {
    await pullCheckForward(context.store.db, task.id, context.now(), webhookHintWindowMs);
    context.wakeRunner();
    outcome = 'check-pulled-forward';
  }
  context.metrics.webhooks.inc({ provider: providerId, outcome });
  context.logger.info(
    { provider: providerId, upstreamId: event.upstreamId, taskId: task?.id, outcome },
    'webhook',
  );
  return outcome;
}
