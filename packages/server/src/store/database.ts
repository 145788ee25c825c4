import type { Generated } from 'kysely';

/** Times are milliseconds since the epoch in every table, on both engines. */
export interface WorkspacesTable {
  id: string;
  name: string;
  /** Workspaces with the same owner are reachable with any key of any of them. */
  owner_id: string;
  /** The sum of the workspace's ledger, kept in the same transactions that append to it. */
  balance: number;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string | null;
  prefix: string;
  /** SHA-256 of the whole key, hex. The key itself is never stored. */
  hash: string;
  created_at: number;
  revoked_at: number | null;
  /** Most credits the key may spend per `spend_period` (null: no limit). */
  spend_limit: number | null;
  spend_period: string | null;
  /** `60/min`: most requests per window (null: no limit). */
  rate_limit: string | null;
  /** When the key last made a request, written at most once a minute (null: never). */
  last_used_at: number | null;
}

/** What a limited key spent in one period (`day:2026-12-01`, `month:2026-12`). */
export interface KeySpendTable {
  key_id: string;
  period: string;
  starts_at: number;
  ends_at: number;
  spent: number;
}

export type LedgerKind = 'top_up' | 'reserve' | 'refund' | 'adjust';

export interface LedgerTable {
  id: string;
  workspace_id: string;
  kind: LedgerKind;
  amount: number;
  task_id: string | null;
  note: string | null;
  created_at: number;
  /** Orders entries written in the same millisecond. */
  sequence: Generated<number>;
}

export interface TasksTable {
  id: string;
  workspace_id: string;
  scene: string;
  provider: string;
  model: string;
  /** The scene the model serves the task under (ad-video runs as text- or image-to-video). */
  model_scene: string;
  /** The model's upstream input, built and checked at create time: what the submit sends. */
  input_json: string;
  status: string;
  progress: number | null;
  queue_position: number | null;
  upstream_id: string | null;
  operation_json: string | null;
  video_urls_json: string;
  error_code: string | null;
  error_message: string | null;
  /** The price reserved at create. */
  credits: number;
  /** 1 once the reserve was given back. */
  refunded: number;
  idempotency_key: string | null;
  request_hash: string;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** When the runner should next look at the task; null once it is terminal. */
  next_check_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  check_count: number;
  submit_attempts: number;
  /** Set while a submit is on the wire: a lease that expires with it set means the outcome is unknown. */
  submitting_since: number | null;
  /** When the upstream accepted the job: the poll schedule measures a job's run time from here. */
  submitted_at: number | null;
  cancel_requested_at: number | null;
  /** After this the gateway stops waiting for the upstream and tries to cancel. */
  deadline_at: number;
  /** Status reads that failed in a row; a read that works resets it. */
  read_failures: number;
  /** An upstream id a callback or an error answer named for an unconfirmed submit, unverified. */
  upstream_hint: string | null;
  /** When an unconfirmed submit was resolved by a reconciliation (see task_reconciliations). */
  reconciled_at: number | null;
  /** Set when a rate limit put the task off to a reserved turn; cleared by the task's next change. */
  rate_turn_at: number | null;
  hint_pulled_at: number | null;
  /** The videos the upstream reported on success (JSON), while the gateway copies them into storage. */
  upstream_videos_json: string | null;
  /** When the upstream reported success: the copy into storage is retried until its deadline from here. */
  storing_since: number | null;
  store_attempts: number;
  /** The task's videos as the gateway keeps them (JSON `StoredVideo[]`), once settled. */
  videos_json: string | null;
  /** When the stored files were deleted (by the user or by retention). */
  videos_deleted_at: number | null;
  /** Where this task's events also go (`callback_url`), and the `whsec_` secret they are signed with. */
  callback_url: string | null;
  callback_secret: string | null;
  /** The key that created the task (null for tasks created before keys were recorded). */
  api_key_id: string | null;
  /** How the price was reached (JSON `PriceBasis`): the settle prices an open length from it. */
  price_json: string | null;
}

/** A workspace's webhook endpoint: where its task events are sent, signed with its own secret. */
export interface WebhookEndpointsTable {
  id: string;
  workspace_id: string;
  url: string;
  description: string | null;
  /** The event types it receives (JSON array). */
  events_json: string;
  /** `whsec_` + base64: the Standard Webhooks signing secret. */
  secret: string;
  created_at: number;
  /** When its deliveries started failing (cleared by one that works); a day of failures disables it. */
  failing_since: number | null;
  disabled_at: number | null;
  deleted_at: number | null;
}

/** The secret a workspace's per-request callbacks are signed with when the request names none. */
export interface WorkspaceSigningSecretsTable {
  workspace_id: string;
  secret: string;
  created_at: number;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** The outbox: one event for one destination, written in the transaction of the change it reports. */
export interface WebhookDeliveriesTable {
  id: string;
  /** The `webhook-id` header: the same on every attempt (and for every destination of the event). */
  event_id: string;
  event_type: string;
  workspace_id: string;
  task_id: string;
  /** The endpoint, or null for a per-request callback. */
  endpoint_id: string | null;
  url: string;
  /** A callback's own secret; null means the endpoint's (or the workspace's default) at send time. */
  secret: string | null;
  /** The event as it is sent: `{type, timestamp, data}` (the task's video links are minted per attempt). */
  payload_json: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  delivered_at: number | null;
  last_error: string | null;
}

/** One attempt at a delivery: when, what the receiver answered, how long it took. */
export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempted_at: number;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

/** Values the gateway generates once and every instance shares (the video link signing key). */
export interface GatewaySecretsTable {
  name: string;
  value: string;
  created_at: number;
}

/** Who did what to a workspace's data, for the record (video deletions). */
export interface AuditEventsTable {
  id: string;
  workspace_id: string;
  task_id: string | null;
  action: string;
  /** `key:<id>` (a user's API key) or `retention` (the sweep). */
  actor: string;
  details_json: string;
  created_at: number;
}

export type ReconcileAction = 'refund' | 'attach';

/** The audit of every reconciliation: who resolved which unconfirmed task, how and why. */
export interface TaskReconciliationsTable {
  id: string;
  task_id: string;
  action: ReconcileAction;
  /** The upstream job the task was attached to (attach only). */
  upstream_id: string | null;
  /** `admin` (the admin token), or `webhook` (an upstream's verified webhook named the job). */
  actor: string;
  reason: string;
  created_at: number;
}

/** A token bucket shared by every instance on one store. */
export interface RateLimitsTable {
  key: string;
  tokens: number;
  updated_at: number;
}

/** A file a workspace uploaded (POST /v1/files), to give as an image or video input. */
export interface FilesTable {
  id: string;
  workspace_id: string;
  storage_key: string;
  filename: string;
  content_type: string;
  bytes: number;
  sha256: string;
  created_at: number;
  deleted_at: number | null;
}

/** A person who signs in to the console. */
export interface UsersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  /** `scrypt$N$r$p$salt$hash`, base64url parts. */
  password_hash: string;
  workspace_id: string;
  role: 'user' | 'operator';
  created_at: number;
  disabled_at: number | null;
}

/** A signed-in browser: the cookie's token is never stored, only its SHA-256. */
export interface UserSessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** A one-time sign-up link an operator sent. */
export interface UserInvitesTable {
  token_hash: string;
  email: string;
  workspace_id: string;
  role: 'user' | 'operator';
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface Database {
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  ledger: LedgerTable;
  tasks: TasksTable;
  task_reconciliations: TaskReconciliationsTable;
  rate_limits: RateLimitsTable;
  gateway_secrets: GatewaySecretsTable;
  audit_events: AuditEventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  workspace_signing_secrets: WorkspaceSigningSecretsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  key_spend: KeySpendTable;
  files: FilesTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  user_invites: UserInvitesTable;
}
