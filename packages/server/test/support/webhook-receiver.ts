import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got: its headers, its raw body (what the signature covers), when. */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
  /** What the receiver answered. */
  status: number;
}

/**
 * A loopback webhook receiver: it keeps every request and answers what `answer` says (200 by
 * default). Tests wait on what it got with `until`, never on time.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: { path: string; headers: Record<string, string>; body: string }) => number = () => 200;
  private readonly waiters = new Set<() => void>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers = flatten(request.headers);
        const body = Buffer.concat(chunks).toString('utf8');
        const path = request.url ?? '/';
        const status = this.answer({ path, headers, body });
        this.received.push({ path, headers, body, at: Date.now(), status });
        response.writeHead(status).end();
        for (const waiter of [...this.waiters]) waiter();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The requests to one path, parsed. */
  on(path: string): (ReceivedWebhook & {
    event: { id: string; type: string; data: { id: string } & Record<string, unknown> };
  })[] {
    return this.received
      .filter((entry) => entry.path === path)
      .map((entry) => ({ ...entry, event: JSON.parse(entry.body) }));
  }

  /** Resolves once `condition` holds over what was received. */
  until(condition: (receiver: this) => boolean, timeoutMs = 60_000): Promise<void> {
    if (condition(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `the webhook receiver did not get what was awaited in ${timeoutMs} ms (${this.received.length} received)`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (!condition(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : String(value),
    ]),
  );
}
