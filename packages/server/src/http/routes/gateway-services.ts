import type { AdminService } from '../../admin/admin-service.js';
import type { ConsoleUsers } from '../../auth/console-users.js';
import type { Engine } from '../../engine/engine.js';
import type { Runner } from '../../engine/runner.js';
import type { WebhookEndpoints } from '../../engine/webhooks/webhook-endpoints.js';
import type { HeldWaits } from '../held-waits.js';
import type { TaskViews } from '../views/task-views.js';

/** What the route handlers call. Handlers stay thin: parse nothing, call one of these, shape the answer. */
export interface GatewayServices {
  engine: Engine;
  admin: AdminService;
  /** Console users, their sessions and invites. */
  users: ConsoleUsers;
  runner: Runner;
  /** Webhook endpoints, deliveries and the callback signing secret. */
  webhooks: WebhookEndpoints;
  /** The cap on held generate_and_wait requests. */
  heldWaits: HeldWaits;
  /** Tasks as each surface shows them, with fresh signed video links. */
  views: TaskViews;
  /** False while the gateway shuts down, so /readyz takes it out of a load balancer first. */
  accepting: () => boolean;
  /** True once the store has every migration this release knows (ADS_MIGRATE=false waits for `ads-server migrate`). */
  schemaCurrent: () => Promise<boolean>;
}
