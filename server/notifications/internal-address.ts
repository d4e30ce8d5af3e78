import { BlockList, isIP } from 'node:net';

/** The kinds of address a webhook may not reach unless its host is allowed to be internal. */
export type InternalRange =
  'unspecified' | 'loopback' | 'link-local' | 'private' | 'shared' | 'multicast' | 'reserved';

/** Each range with its kind, most specific first (the first that holds an address names it). */
const RANGES: readonly (readonly [InternalRange, string, number, 'ipv4' | 'ipv6'])[] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  // 169.254.169.254 is the cloud instance metadata service
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['shared', '100.64.0.0', 10, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  // 240/4 and the broadcast address
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  // unique local addresses (EC2's metadata service is fd00:ec2::254), and the site-local they replaced
  ['private', 'fc00::', 7, 'ipv6'],
  ['private', 'fec0::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
  // IPv4-compatible addresses (deprecated); IPv4-mapped ones (::ffff:a.b.c.d) match the IPv4 ranges
  ['reserved', '::', 96, 'ipv6'],
];

const lists = RANGES.map(([range, network, prefix, family]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { range, list };
});

/**
 * The internal range an IP address is in (loopback, link-local, private, unspecified, multicast, shared
 * or reserved), or undefined for a public address; anything that is not an IP address counts as
 * `reserved`, so that it is never taken for public.
 */
export function internalRange(address: string): InternalRange | undefined {
  const family = isIP(address);
  if (family === 0) return 'reserved';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return lists.find(({ list }) => list.check(address, type))?.range;
}
