import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is public: globally routed unicast. Loopback, private, link-local (and so
 * the cloud metadata address), carrier-grade NAT, multicast, reserved, unspecified, and the IPv6
 * spellings that embed or translate an IPv4 address (mapped, NAT64, 6to4, Teredo) are not.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  return parsed.range() === 'unicast';
}

/** The IP address a URL's host spells, if it is one (the WHATWG parser already folded decimal, octal and hex forms). */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : undefined;
}
