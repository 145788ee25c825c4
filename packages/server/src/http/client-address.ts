import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Which peer addresses are proxies whose X-Forwarded-For is believed (proxy-addr's compiled test). */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The proxies ADS_TRUST_PROXY names: addresses, CIDR ranges, or proxy-addr's names (`loopback`,
 * `linklocal`, `uniquelocal`). Throws on a value proxy-addr cannot read. None: no proxy is trusted.
 */
const trustNone: ProxyTrust = () => false;

export function compileProxyTrust(entries: readonly string[]): ProxyTrust {
  if (entries.length === 0) return trustNone;
  return proxyAddr.compile([...entries]);
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the nearest
 * address in X-Forwarded-For that is not one. A client cannot choose it by sending the header
 * itself, unless it connects from a trusted address.
 */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  if (!request.socket) return 'unknown';
  // No proxy trusted (the default): the peer, without reading X-Forwarded-For on every request.
  if (trust === trustNone) return request.socket.remoteAddress ?? 'unknown';
  return proxyAddr(request as Parameters<typeof proxyAddr>[0], trust) ?? 'unknown';
}
