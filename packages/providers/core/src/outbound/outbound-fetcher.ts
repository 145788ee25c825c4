import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Socket } from 'node:net';
import { type Readable, Transform } from 'node:stream';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { isPublicAddress, literalAddress } from './address-policy.js';
import { OutboundFetchError } from './outbound-error.js';

export interface OutboundFetcherSettings {
  /** Allow loopback, private and link-local addresses (local development and tests only). */
  allowPrivate?: boolean;
  /** Replaces the public-address rule (tests name the one loopback address they treat as public). */
  isAllowedAddress?: (address: string) => boolean;
  /** Longest URL taken, in characters (default 2048). */
  maxUrlLength?: number;
  /** Redirects followed, each checked like the first URL (default 3). */
  maxRedirects?: number;
  /** The whole fetch, redirects and body included, must end within this (default 10 s). */
  timeoutMs?: number;
}

export interface FetchLimits {
  /** The most bytes read; a larger Content-Length is refused before reading, a longer body stops there. */
  maxBytes: number;
  signal?: AbortSignal;
  /** Overrides the fetcher's deadline for this fetch. */
  timeoutMs?: number;
  accept?: string;
}

export interface StreamLimits {
  /** The most bytes read; a larger Content-Length is refused before reading, a longer body fails there. */
  maxBytes: number;
  signal?: AbortSignal;
  /** How long the answer's headers may take (default the fetcher's deadline). */
  headersTimeoutMs?: number;
  /** The longest pause between two chunks of the body (default 60 s); the whole body may take longer. */
  idleTimeoutMs?: number;
  accept?: string;
}

export interface PostOptions {
  body: string;
  headers: Record<string, string>;
  /** The whole exchange must end within this (default the fetcher's deadline). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What a receiver answered to a POST (its body is read up to a few kilobytes, then dropped). */
export interface PostAnswer {
  status: number;
}

export interface FetchedStream {
  /** The URL that answered, after redirects. */
  url: string;
  contentType: string | undefined;
  /** From Content-Length, when the answer declared one. */
  declaredBytes: number | undefined;
  /** The body; it fails with a `too_large` refusal as soon as it passes the limit. */
  body: Readable;
}

export interface FetchedBytes {
  /** The URL that answered, after redirects. */
  url: string;
  contentType: string | undefined;
  bytes: Uint8Array;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A lookup that resolves a name and refuses it when any of its addresses is not allowed. */
const guardedLookup =
  (allowed: (address: string) => boolean) =>
  (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => !allowed(entry.address));
      if (refused || addresses.length === 0) {
        return callback(privateAddress(hostname, refused?.address) as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };

const privateAddress = (host: string, address?: string) =>
  new OutboundFetchError({
    refusal: 'private_address',
    message: `${host}${address && address !== host ? ` (${address})` : ''} is not a public address; the gateway fetches only public URLs`,
  });

/**
 * The one way the gateway fetches a URL a client gave it: http(s) only, a URL length limit, public
 * addresses only (checked on the resolved addresses before connecting, again on the socket actually
 * connected, and again on every redirect), a redirect limit, a deadline, and a byte limit that stops
 * reading as soon as it is passed.
 */
export class OutboundFetcher {
  private readonly agent: Agent;
  private readonly allowed: (address: string) => boolean;
  private readonly maxUrlLength: number;
  private readonly maxRedirects: number;
  private readonly timeoutMs: number;

  constructor(settings: OutboundFetcherSettings = {}) {
    this.allowed = settings.allowPrivate ? () => true : (settings.isAllowedAddress ?? isPublicAddress);
    this.maxUrlLength = settings.maxUrlLength ?? 2048;
    this.maxRedirects = settings.maxRedirects ?? 3;
    this.timeoutMs = settings.timeoutMs ?? 10_000;
    const connector = buildConnector({
      timeout: 5000,
      lookup: guardedLookup(this.allowed),
    } as buildConnector.BuildOptions);
    this.agent = new Agent({
      connections: 16,
      connect: (options, callback) =>
        connector(options, (error, socket) => {
          if (error || !socket) return callback(error ?? new Error('no socket'), null);
          const address = (socket as Socket).remoteAddress ?? '';
          if (!this.allowed(address)) {
            socket.destroy();
            return callback(privateAddress(options.hostname, address), null);
          }
          callback(null, socket);
        }),
    });
  }

  /** Checks a URL without fetching it: what `fetchBytes` refuses before any connection. */
  check(url: string): URL {
    if (url.length > this.maxUrlLength) {
      throw new OutboundFetchError({
        refusal: 'url_too_long',
        message: `the URL is ${url.length} characters; at most ${this.maxUrlLength} are taken`,
      });
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (cause) {
      throw new OutboundFetchError({ refusal: 'scheme', message: 'not a URL', cause });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new OutboundFetchError({
        refusal: 'scheme',
        message: `${parsed.protocol} URLs are not fetched; use http(s)`,
      });
    }
    const literal = literalAddress(parsed.hostname);
    if (literal !== undefined && !this.allowed(literal)) {
      throw privateAddress(parsed.hostname);
    }
    return parsed;
  }

  /**
   * Checks a URL and resolves its host: refused unless every address it resolves to is allowed. For
   * a URL the gateway will call later (a webhook endpoint), so a private target is refused when it
   * is given, not only when it is called (where the connect-time checks still apply).
   */
  async checkResolved(url: string): Promise<URL> {
    const parsed = this.check(url);
    if (literalAddress(parsed.hostname) !== undefined) return parsed;
    await new Promise<void>((resolve, reject) => {
      guardedLookup(this.allowed)(parsed.hostname, { all: true }, (error) => {
        if (!error) return resolve();
        reject(
          OutboundFetchError.isInstance(error)
            ? error
            : new OutboundFetchError({
                refusal: 'unreachable',
                message: `${parsed.hostname} does not resolve (${error.code ?? error.message})`,
              }),
        );
      });
    });
    return parsed;
  }

  /**
   * POSTs a body (a webhook delivery) with the same address checks as every fetch. Redirects are not
   * followed (a receiver answers where it was registered); any status is returned, not thrown.
   */
  async post(url: string, options: PostOptions): Promise<PostAnswer> {
    const deadline = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    try {
      const answer = await request(this.check(url), {
        dispatcher: this.agent,
        method: 'POST',
        signal,
        body: options.body,
        headers: { 'user-agent': 'ads-gateway', ...options.headers },
      });
      await readLimited(answer.body, undefined, 4096).catch(() => answer.body.destroy());
      return { status: answer.statusCode };
    } catch (error) {
      throw outboundError(error, deadline.aborted);
    }
  }

  async fetchBytes(url: string, limits: FetchLimits): Promise<FetchedBytes> {
    const deadline = AbortSignal.timeout(limits.timeoutMs ?? this.timeoutMs);
    const signal = limits.signal ? AbortSignal.any([limits.signal, deadline]) : deadline;
    try {
      const { answer, url: answered } = await this.open(url, { signal, accept: limits.accept });
      const contentType = answer.headers['content-type'];
      const bytes = await readLimited(answer.body, answer.headers['content-length'], limits.maxBytes);
      return {
        url: answered,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        bytes,
      };
    } catch (error) {
      throw outboundError(error, deadline.aborted);
    }
  }

  /**
   * Opens a URL for streaming its body (a finished video, however large): the same checks as
   * `fetchBytes`, a deadline on the headers and on every pause of the body rather than on the whole.
   */
  async fetchStream(url: string, limits: StreamLimits): Promise<FetchedStream> {
    const headersDeadline = AbortSignal.timeout(limits.headersTimeoutMs ?? this.timeoutMs);
    try {
      const { answer, url: answered } = await this.open(url, {
        signal: limits.signal,
        accept: limits.accept,
        headersTimeout: limits.headersTimeoutMs ?? this.timeoutMs,
        bodyTimeout: limits.idleTimeoutMs ?? 60_000,
        headersDeadline,
      });
      const declared = Number(answer.headers['content-length']);
      const declaredBytes = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
      if (declaredBytes !== undefined && declaredBytes > limits.maxBytes) {
        answer.body.destroy();
        throw tooLarge(limits.maxBytes);
      }
      const contentType = answer.headers['content-type'];
      return {
        url: answered,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        declaredBytes,
        body: limitStream(answer.body, limits.maxBytes),
      };
    } catch (error) {
      throw outboundError(error, headersDeadline.aborted);
    }
  }

  /** Follows redirects (each URL checked) to the answer that is not one; throws on a non-2xx status. */
  private async open(
    url: string,
    options: {
      signal: AbortSignal | undefined;
      accept: string | undefined;
      headersTimeout?: number;
      bodyTimeout?: number;
      headersDeadline?: AbortSignal;
    },
  ): Promise<{ answer: Dispatcher.ResponseData; url: string }> {
    let current = this.check(url);
    for (let redirects = 0; ; redirects += 1) {
      const signals = [options.signal, options.headersDeadline].filter((signal) => signal !== undefined);
      const answer = await request(current, {
        dispatcher: this.agent,
        method: 'GET',
        ...(signals.length > 0
          ? { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) }
          : {}),
        ...(options.headersTimeout === undefined ? {} : { headersTimeout: options.headersTimeout }),
        ...(options.bodyTimeout === undefined ? {} : { bodyTimeout: options.bodyTimeout }),
        headers: { accept: options.accept ?? '*/*', 'user-agent': 'ads-gateway' },
      });
      const location = answer.headers.location;
      if (answer.statusCode >= 300 && answer.statusCode < 400 && typeof location === 'string') {
        await answer.body.dump();
        if (redirects >= this.maxRedirects) {
          throw new OutboundFetchError({
            refusal: 'too_many_redirects',
            message: `more than ${this.maxRedirects} redirects`,
          });
        }
        current = this.check(new URL(location, current).toString());
        continue;
      }
      if (answer.statusCode < 200 || answer.statusCode >= 300) {
        await answer.body.dump();
        throw new OutboundFetchError({
          refusal: 'http_status',
          message: `answered HTTP ${answer.statusCode}`,
          status: answer.statusCode,
        });
      }
      return { answer, url: current.toString() };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

const tooLarge = (maxBytes: number) =>
  new OutboundFetchError({ refusal: 'too_large', message: `the answer is larger than ${maxBytes} bytes` });

/** The body, failing with a `too_large` refusal as soon as more than `maxBytes` pass. */
function limitStream(body: Readable, maxBytes: number): Readable {
  let total = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) return callback(tooLarge(maxBytes));
      callback(null, chunk);
    },
  });
  body.once('error', (error) => limited.destroy(outboundError(error, false)));
  limited.once('close', () => body.destroy());
  return body.pipe(limited);
}

async function readLimited(
  body: AsyncIterable<Uint8Array> & { destroy(): void },
  declaredLength: string | string[] | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  if (typeof declaredLength === 'string' && Number(declaredLength) > maxBytes) {
    body.destroy();
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** The refusal behind an undici failure (a refused lookup arrives as the cause of a connect error). */
function outboundError(error: unknown, timedOut: boolean): OutboundFetchError {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (OutboundFetchError.isInstance(cause)) return cause;
  }
  if (timedOut)
    return new OutboundFetchError({ refusal: 'timeout', message: 'the fetch took too long', cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new OutboundFetchError({
    refusal: 'unreachable',
    message: `could not fetch: ${message}`,
    cause: error,
  });
}
