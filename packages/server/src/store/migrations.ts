import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { StoreEngine } from './store-engine.js';

/** Migrations are code, in order; both engines run the same ones. Never edit one that has shipped. */
function migrationsFor(engine: StoreEngine): Record<string, Migration> {
  return {
    '0001-initial': {
      async up(db: Kysely<unknown>) {
        const time = 'bigint';
        await db.schema
          .createTable('workspaces')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('name', 'text', (column) => column.notNull())
          .addColumn('owner_id', 'text', (column) => column.notNull())
          .addColumn('balance', 'bigint', (column) => column.notNull())
          .addColumn('created_at', time, (column) => column.notNull())
          .execute();
        await db.schema.createIndex('workspaces_owner').on('workspaces').column('owner_id').execute();
        await db.schema.createIndex('workspaces_name').on('workspaces').column('name').execute();

        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('workspace_id', 'text', (column) => column.notNull().references('workspaces.id'))
          .addColumn('name', 'text')
          .addColumn('prefix', 'text', (column) => column.notNull())
          .addColumn('hash', 'text', (column) => column.notNull().unique())
          .addColumn('created_at', time, (column) => column.notNull())
          .addColumn('revoked_at', time)
          .execute();

        await db.schema
          .createTable('ledger')
          .addColumn('sequence', engine === 'postgres' ? 'bigserial' : 'integer', (column) =>
            column.primaryKey(),
          )
          .addColumn('id', 'text', (column) => column.notNull().unique())
          .addColumn('workspace_id', 'text', (column) => column.notNull().references('workspaces.id'))
          .addColumn('kind', 'text', (column) => column.notNull())
          .addColumn('amount', 'bigint', (column) => column.notNull())
          .addColumn('task_id', 'text')
          .addColumn('note', 'text')
          .addColumn('created_at', time, (column) => column.notNull())
          .execute();
        await db.schema
          .createIndex('ledger_workspace')
          .on('ledger')
          .columns(['workspace_id', 'sequence'])
          .execute();
        // The last guard of settle-once: a task has at most one reserve and one refund.
        await db.schema
          .createIndex('ledger_task_kind')
          .on('ledger')
          .columns(['task_id', 'kind'])
          .unique()
          .where(sql.ref('task_id'), 'is not', null)
          .execute();

        await db.schema
          .createTable('tasks')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('workspace_id', 'text', (column) => column.notNull().references('workspaces.id'))
          .addColumn('scene', 'text', (column) => column.notNull())
          .addColumn('provider', 'text', (column) => column.notNull())
          .addColumn('model', 'text', (column) => column.notNull())
          .addColumn('model_scene', 'text', (column) => column.notNull())
          .addColumn('input_json', 'text', (column) => column.notNull())
          .addColumn('status', 'text', (column) => column.notNull())
          .addColumn('progress', 'integer')
          .addColumn('queue_position', 'integer')
          .addColumn('upstream_id', 'text')
          .addColumn('operation_json', 'text')
          .addColumn('video_urls_json', 'text', (column) => column.notNull())
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addColumn('credits', 'bigint', (column) => column.notNull())
          .addColumn('refunded', 'integer', (column) => column.notNull())
          .addColumn('idempotency_key', 'text')
          .addColumn('request_hash', 'text', (column) => column.notNull())
          .addColumn('created_at', time, (column) => column.notNull())
          .addColumn('updated_at', time, (column) => column.notNull())
          .addColumn('finished_at', time)
          .addColumn('next_check_at', time)
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', time)
          .addColumn('check_count', 'integer', (column) => column.notNull())
          .addColumn('submit_attempts', 'integer', (column) => column.notNull())
          .addColumn('submitting_since', time)
          .addColumn('cancel_requested_at', time)
          .addColumn('deadline_at', time, (column) => column.notNull())
          .execute();
        await db.schema
          .createIndex('tasks_idempotency')
          .on('tasks')
          .columns(['workspace_id', 'idempotency_key'])
          .unique()
          .where(sql.ref('idempotency_key'), 'is not', null)
          .execute();
        await db.schema
          .createIndex('tasks_due')
          .on('tasks')
          .column('next_check_at')
          .where(sql.ref('next_check_at'), 'is not', null)
          .execute();
        await db.schema
          .createIndex('tasks_workspace_created')
          .on('tasks')
          .columns(['workspace_id', 'created_at', 'id'])
          .execute();
        await db.schema
          .createIndex('tasks_upstream')
          .on('tasks')
          .columns(['provider', 'upstream_id'])
          .execute();
      },
    },
    '0002-submitted-at': {
      async up(db: Kysely<unknown>) {
        // Tasks accepted before this column existed fall back to created_at.
        await db.schema.alterTable('tasks').addColumn('submitted_at', 'bigint').execute();
      },
    },
    '0003-reconcile-and-shared-limits': {
      async up(db: Kysely<unknown>) {
        const addToTasks = (column: string, type: 'bigint' | 'text' | 'integer', notNullZero = false) =>
          db.schema
            .alterTable('tasks')
            .addColumn(column, type, (builder) => (notNullZero ? builder.notNull().defaultTo(0) : builder))
            .execute();
        // Status reads that failed in a row (an alert once they persist); reset by a read that works.
        await addToTasks('read_failures', 'integer', true);
        // An upstream id someone reported for a task whose submit is unconfirmed, for the operator.
        await addToTasks('upstream_hint', 'text');
        // When an unconfirmed task was resolved (refunded, or attached to its upstream job).
        await addToTasks('reconciled_at', 'bigint');
        // A turn a rate limit reserved for the task: whoever claims it then calls without a new token.
        await addToTasks('rate_turn_at', 'bigint');
        await db.schema
          .createTable('task_reconciliations')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('task_id', 'text', (column) => column.notNull().references('tasks.id'))
          .addColumn('action', 'text', (column) => column.notNull())
          .addColumn('upstream_id', 'text')
          .addColumn('actor', 'text', (column) => column.notNull())
          .addColumn('reason', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .execute();
        // A task is reconciled once.
        await db.schema
          .createIndex('task_reconciliations_task')
          .on('task_reconciliations')
          .column('task_id')
          .unique()
          .execute();
        // Token buckets that several instances share (PostgreSQL): one row per provider and call.
        await db.schema
          .createTable('rate_limits')
          .addColumn('key', 'text', (column) => column.primaryKey())
          .addColumn('tokens', engine === 'postgres' ? 'double precision' : 'real', (column) =>
            column.notNull(),
          )
          .addColumn('updated_at', 'bigint', (column) => column.notNull())
          .execute();
      },
    },
    '0004-webhook-hint-window': {
      async up(db: Kysely<unknown>) {
        // When a webhook last pulled the task's check forward: one pull per window, however many arrive.
        await db.schema.alterTable('tasks').addColumn('hint_pulled_at', 'bigint').execute();
      },
    },
    '0005-stored-videos': {
      async up(db: Kysely<unknown>) {
        const tasks = () => db.schema.alterTable('tasks');
        // The upstream's videos between its success and the end of the copy into storage.
        await tasks().addColumn('upstream_videos_json', 'text').execute();
        await tasks().addColumn('storing_since', 'bigint').execute();
        await tasks()
          .addColumn('store_attempts', 'integer', (column) => column.notNull().defaultTo(0))
          .execute();
        // The videos as kept by the gateway; tasks settled before this migration have none (their
        // provider links are all they have).
        await tasks().addColumn('videos_json', 'text').execute();
        await tasks().addColumn('videos_deleted_at', 'bigint').execute();
        // The retention sweep looks for ended tasks by age.
        await db.schema.createIndex('tasks_finished').on('tasks').column('finished_at').execute();
        await db.schema
          .createTable('gateway_secrets')
          .addColumn('name', 'text', (column) => column.primaryKey())
          .addColumn('value', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .execute();
        await db.schema
          .createTable('audit_events')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('workspace_id', 'text', (column) => column.notNull())
          .addColumn('task_id', 'text')
          .addColumn('action', 'text', (column) => column.notNull())
          .addColumn('actor', 'text', (column) => column.notNull())
          .addColumn('details_json', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .execute();
        await db.schema
          .createIndex('audit_events_workspace')
          .on('audit_events')
          .columns(['workspace_id', 'created_at'])
          .execute();
      },
    },
    '0006-webhooks': {
      async up(db: Kysely<unknown>) {
        const tasks = () => db.schema.alterTable('tasks');
        // A per-request callback: where the task's events also go, and the secret they are signed with.
        await tasks().addColumn('callback_url', 'text').execute();
        await tasks().addColumn('callback_secret', 'text').execute();
        await db.schema
          .createTable('webhook_endpoints')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('workspace_id', 'text', (column) => column.notNull())
          .addColumn('url', 'text', (column) => column.notNull())
          .addColumn('description', 'text')
          .addColumn('events_json', 'text', (column) => column.notNull())
          .addColumn('secret', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addColumn('failing_since', 'bigint')
          .addColumn('disabled_at', 'bigint')
          .addColumn('deleted_at', 'bigint')
          .execute();
        await db.schema
          .createIndex('webhook_endpoints_workspace')
          .on('webhook_endpoints')
          .column('workspace_id')
          .execute();
        // The secret a workspace's per-request callbacks are signed with when they name none.
        await db.schema
          .createTable('workspace_signing_secrets')
          .addColumn('workspace_id', 'text', (column) => column.primaryKey())
          .addColumn('secret', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .execute();
        // The outbox: one row per event and destination, written with the change it reports.
        await db.schema
          .createTable('webhook_deliveries')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('event_id', 'text', (column) => column.notNull())
          .addColumn('event_type', 'text', (column) => column.notNull())
          .addColumn('workspace_id', 'text', (column) => column.notNull())
          .addColumn('task_id', 'text', (column) => column.notNull())
          .addColumn('endpoint_id', 'text')
          .addColumn('url', 'text', (column) => column.notNull())
          .addColumn('secret', 'text')
          .addColumn('payload_json', 'text', (column) => column.notNull())
          .addColumn('status', 'text', (column) => column.notNull())
          .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'bigint')
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', 'bigint')
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addColumn('delivered_at', 'bigint')
          .addColumn('last_error', 'text')
          .execute();
        await db.schema
          .createIndex('webhook_deliveries_due')
          .on('webhook_deliveries')
          .columns(['status', 'next_attempt_at'])
          .execute();
        await db.schema
          .createIndex('webhook_deliveries_endpoint')
          .on('webhook_deliveries')
          .columns(['endpoint_id', 'created_at'])
          .execute();
        await db.schema
          .createTable('webhook_attempts')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('delivery_id', 'text', (column) => column.notNull())
          .addColumn('attempted_at', 'bigint', (column) => column.notNull())
          .addColumn('status_code', 'integer')
          .addColumn('latency_ms', 'integer', (column) => column.notNull())
          .addColumn('error', 'text')
          .execute();
        await db.schema
          .createIndex('webhook_attempts_delivery')
          .on('webhook_attempts')
          .columns(['delivery_id', 'attempted_at'])
          .execute();
      },
    },
    '0007-prices-and-key-limits': {
      async up(db: Kysely<unknown>) {
        const keys = () => db.schema.alterTable('api_keys');
        // Limits an operator sets per key; each is off while null.
        await keys().addColumn('spend_limit', 'bigint').execute();
        await keys().addColumn('spend_period', 'text').execute();
        await keys().addColumn('rate_limit', 'text').execute();
        const tasks = () => db.schema.alterTable('tasks');
        // Which key created the task (its spend limit is charged), and how its price was reached.
        await tasks().addColumn('api_key_id', 'text').execute();
        await tasks().addColumn('price_json', 'text').execute();
        // What each limited key spent per period: reserves less refunds and adjustments.
        await db.schema
          .createTable('key_spend')
          .addColumn('key_id', 'text', (column) => column.notNull())
          .addColumn('period', 'text', (column) => column.notNull())
          .addColumn('starts_at', 'bigint', (column) => column.notNull())
          .addColumn('ends_at', 'bigint', (column) => column.notNull())
          .addColumn('spent', 'bigint', (column) => column.notNull())
          .addPrimaryKeyConstraint('key_spend_pk', ['key_id', 'period'])
          .execute();
      },
    },
    '0008-files': {
      async up(db: Kysely<unknown>) {
        // Files a workspace uploaded as inputs; the bytes are in the gateway's storage under storage_key.
        await db.schema
          .createTable('files')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('workspace_id', 'text', (column) => column.notNull().references('workspaces.id'))
          .addColumn('storage_key', 'text', (column) => column.notNull())
          .addColumn('filename', 'text', (column) => column.notNull())
          .addColumn('content_type', 'text', (column) => column.notNull())
          .addColumn('bytes', 'bigint', (column) => column.notNull())
          .addColumn('sha256', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addColumn('deleted_at', 'bigint')
          .execute();
        await db.schema
          .createIndex('files_workspace')
          .on('files')
          .columns(['workspace_id', 'created_at'])
          .execute();
      },
    },
    '0009-users': {
      async up(db: Kysely<unknown>) {
        // People who sign in to the console; their sessions; one-time invites; when a key was last used.
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('email', 'text', (column) => column.notNull().unique())
          .addColumn('password_hash', 'text', (column) => column.notNull())
          .addColumn('workspace_id', 'text', (column) => column.notNull().references('workspaces.id'))
          .addColumn('role', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addColumn('disabled_at', 'bigint')
          .execute();
        await db.schema
          .createTable('user_sessions')
          .addColumn('token_hash', 'text', (column) => column.primaryKey())
          .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
          .addColumn('csrf_token', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addColumn('expires_at', 'bigint', (column) => column.notNull())
          .execute();
        await db.schema.createIndex('user_sessions_user').on('user_sessions').column('user_id').execute();
        await db.schema
          .createTable('user_invites')
          .addColumn('token_hash', 'text', (column) => column.primaryKey())
          .addColumn('email', 'text', (column) => column.notNull())
          .addColumn('workspace_id', 'text', (column) => column.notNull().references('workspaces.id'))
          .addColumn('role', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addColumn('expires_at', 'bigint', (column) => column.notNull())
          .addColumn('used_at', 'bigint')
          .execute();
        await db.schema.alterTable('api_keys').addColumn('last_used_at', 'bigint').execute();
      },
    },
  };
}

export function createMigrator(db: Kysely<unknown>, engine: StoreEngine): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(engine) };
  return new Migrator({
    db,
    provider,
    migrationTableName: 'ads_migrations',
    migrationLockTableName: 'ads_migrations_lock',
  });
}

/** Applies every pending migration; returns the names it applied. */
/** The first migration: a store without it has no schema at all. */
export const firstMigration = '0001-initial';

export async function migrateToLatest(db: Kysely<unknown>, engine: StoreEngine): Promise<string[]> {
  const { error, results } = await createMigrator(db, engine).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
