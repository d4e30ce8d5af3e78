import { internalRange } from '../../../server/notifications/internal-address';

describe('internal addresses (where webhooks may not go unless their host is allowed)', () => {
  for (const [address, range] of [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['fec0::1', 'private'],
    ['100.64.0.1', 'shared'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['not-an-address', 'reserved'],
  ] as const) {
    it(`takes ${address} for ${range}`, () => {
      expect(internalRange(address)).toBe(range);
    });
  }

  for (const address of [
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '192.169.0.1',
    '203.0.113.7',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ]) {
    it(`takes ${address} for public`, () => {
      expect(internalRange(address)).toBeUndefined();
    });
  }
});
