import type { Command } from 'commander';
import pino from 'pino';
import type { GatewayConfig } from '../config.js';
import { ProviderRegistry } from '../engine/provider-registry.js';
import { type ReconcileContext, reconcileTask, unconfirmedTasks } from '../engine/reconcile-task.js';
import { ledgerEntryView } from '../http/views/account-views.js';
import { reconciliationView, unconfirmedTaskView } from '../http/views/reconcile-views.js';
import { GatewayMetrics } from '../metrics.js';
import { registerProviders } from '../providers.js';
import { openVideoStorage } from '../video-storage.js';
import { printJson, withAdmin } from './operator-store.js';

interface ReconcileOptions {
  task?: string;
  refund?: boolean;
  upstreamId?: string;
  reason?: string;
  json?: boolean;
}

/** What reconciling needs, from the configured store and providers; the gateway itself may be down. */
function reconcileContext(config: GatewayConfig, store: ReconcileContext['store']): ReconcileContext {
  const providers = registerProviders({
    config,
    storage: openVideoStorage(config.storage),
  });
  return {
    store,
    registry: new ProviderRegistry(providers),
    metrics: new GatewayMetrics({ processMetrics: false }),
    logger: pino({ level: 'silent' }),
    now: Date.now,
    // A running gateway finds the attached task due at once on its next look.
    wakeRunner: () => {},
    minimumDeadlineMs: 30 * 60_000,
  };
}

function usage(message: string): Error {
  return new Error(`${message} See ads-server tasks reconcile --help.`);
}

function printQueue(tasks: ReturnType<typeof unconfirmedTaskView>[]): void {
  if (tasks.length === 0) {
    process.stdout.write('No unconfirmed tasks: nothing to reconcile.\n');
    return;
  }
  for (const task of tasks) {
    const hint = task.upstream_hint ? `  hint: upstream id ${task.upstream_hint}` : '';
    process.stdout.write(
      `${task.id}  ${task.provider}/${task.model}  ${task.credits} credits  ${task.created_at}  workspace ${task.workspace_id}${hint}\n`,
    );
  }
  process.stdout.write(
    `\n${tasks.length} unconfirmed. Resolve each with --task ID and either --refund or --upstream-id ID, and --reason TEXT.\n`,
  );
}

export function tasksCommands(program: Command, config: () => GatewayConfig): void {
  const tasks = program.command('tasks').description('Operator actions on tasks');
  tasks
    .command('reconcile')
    .description(
      'List the tasks whose submit the provider never confirmed (credits held), or resolve one: --refund when the provider created nothing, --upstream-id when it did (the task is then tracked to its end)',
    )
    .option('--task <id>', 'the task to resolve')
    .option('--refund', 'the provider created nothing: give the credits back')
    .option(
      '--upstream-id <id>',
      "the provider's id of the job the submit created (kie taskId, fal request_id)",
    )
    .option('--reason <text>', 'why, for the audit (required to resolve)')
    .option('--json', 'print JSON')
    .action(async (options: ReconcileOptions) => {
      await withAdmin(config(), async (_admin, store) => {
        const context = reconcileContext(config(), store);
        if (!options.task) {
          if (options.refund || options.upstreamId) throw usage('Name the task to resolve with --task.');
          const queue = (await unconfirmedTasks(context)).map(unconfirmedTaskView);
          if (options.json) printJson(queue);
          else printQueue(queue);
          return;
        }
        if (Boolean(options.refund) === Boolean(options.upstreamId))
          throw usage('Give exactly one of --refund and --upstream-id.');
        if (!options.reason?.trim()) throw usage('Say why with --reason.');
        const reason = options.reason.trim();
        const result = await reconcileTask(
          context,
          options.task,
          options.upstreamId
            ? { action: 'attach', upstreamId: options.upstreamId, reason, actor: 'admin' }
            : { action: 'refund', reason, actor: 'admin' },
        );
        if (options.json) {
          printJson({
            task: unconfirmedTaskView(result.task),
            reconciliation: reconciliationView(result.reconciliation),
            entry: result.entry ? ledgerEntryView(result.entry) : null,
          });
        } else if (result.reconciliation.action === 'refund') {
          process.stdout.write(
            `Refunded ${result.task.credits} credits to ${result.task.workspaceId} for task ${result.task.id} (${result.reconciliation.id}).\n`,
          );
        } else {
          process.stdout.write(
            `Task ${result.task.id} is running again as ${result.task.provider} job ${result.reconciliation.upstream_id}; a running gateway tracks it to its end (${result.reconciliation.id}).\n`,
          );
        }
      });
    });
}
