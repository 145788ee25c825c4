import type { TaskStatus } from '@ads/contract';
import pg from 'pg';
import type { Logger } from 'pino';

/** What one instance tells the others: a task changed, tasks fell due, deliveries were queued. */
export type FeedMessage =
  | { kind: 'task'; taskId: string; status: TaskStatus }
  | { kind: 'due' }
  | { kind: 'deliveries' };

type Listener = (message: FeedMessage) => void;

const channel = 'ads_events';

const encode = (origin: string, message: FeedMessage) =>
  message.kind === 'task'
    ? `${origin} task ${message.taskId} ${message.status}`
    : `${origin} ${message.kind}`;

function decode(payload: string): { origin: string; message: FeedMessage } | undefined {
  const [origin, kind, taskId, status] = payload.split(' ');
  if (!origin) return undefined;
  if (kind === 'task' && taskId && status) {
    return { origin, message: { kind, taskId, status: status as TaskStatus } };
  }
  if (kind === 'due' || kind === 'deliveries') return { origin, message: { kind } };
  return undefined;
}

/**
 * One instance's view of the changes that matter to waiters, SSE streams, the runner and the webhook
 * sender. Every change made here reaches this instance's listeners at once. On PostgreSQL it also
 * goes out with NOTIFY, and one LISTEN connection per instance brings the other instances' changes
 * in; while that connection is down (or on SQLite) `crossInstance` is false and the listeners fall
 * back to reading the store on a timer.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private client: pg.Client | undefined;
  private listening = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private publishing = Promise.resolve();

  constructor(
    private readonly origin: string,
    private readonly postgres?: { databaseUrl: string; logger: Logger },
  ) {}

  /** True while the other instances' changes arrive here as they happen. */
  get crossInstance(): boolean {
    return this.listening;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(message: FeedMessage): void {
    this.deliver(message);
    if (!this.postgres || this.closed) return;
    const client = this.client;
    if (!client || !this.listening) return;
    // One connection, notifications in order; a lost one only delays a waiter to its fallback.
    this.publishing = this.publishing.then(() =>
      client
        .query('select pg_notify($1, $2)', [channel, encode(this.origin, message)])
        .then(() => undefined)
        .catch((error: unknown) => this.postgres?.logger.warn({ err: error }, 'NOTIFY failed')),
    );
  }

  /** Opens the LISTEN connection (PostgreSQL only); resolves once it listens or failed to. */
  async start(): Promise<void> {
    if (!this.postgres || this.closed) return;
    const client = new pg.Client({ connectionString: this.postgres.databaseUrl });
    client.on('notification', (notification) => {
      const decoded = notification.payload ? decode(notification.payload) : undefined;
      if (decoded && decoded.origin !== this.origin) this.deliver(decoded.message);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
      if (this.closed) {
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      this.listening = true;
      // Whatever changed while nobody listened is found by the listeners' own reads now.
      this.deliver({ kind: 'due' });
      this.deliver({ kind: 'deliveries' });
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client === client || !this.client) {
      this.client = undefined;
      this.listening = false;
    }
    client.removeAllListeners('end');
    client.end().catch(() => {});
    if (this.closed || this.retryTimer) return;
    this.postgres?.logger.warn({ err: error }, 'LISTEN connection lost; reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.start();
    }, 1000);
    this.retryTimer.unref();
  }

  private deliver(message: FeedMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.listening = false;
    const client = this.client;
    this.client = undefined;
    await this.publishing;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
    }
  }
}
