import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/config.ts';
import { defaultPublicUrl, isPrivateIPv4, lanAddresses } from '../../server/src/lan.ts';

const context = { cwd: '/home/me/balint', defaultDataDir: '/repo/data', lan: [] };

function nic(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    internal,
    family: 'IPv4',
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: `${address}/24`,
  };
}

describe('configuration from the environment', () => {
  it('has sensible defaults', () => {
    const result = parseConfig({}, context);
    expect(result).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: '0.0.0.0',
        publicUrl: 'http://localhost:3000',
        dataDir: '/repo/data',
        logLevel: 'info',
        groupTtlMs: 86_400_000,
        standingTtlMs: 400 * 86_400_000,
        rateLimit: true,
        trustProxy: false,
      },
    });
  });

  it('reads every variable', () => {
    const result = parseConfig(
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        PUBLIC_URL: 'https://timer.example.org/',
        DATA_DIR: 'state',
        LOG_LEVEL: 'WARN',
        GROUP_TTL_HOURS: '0.5',
        STANDING_TTL_DAYS: '30',
        RATE_LIMIT: 'off',
        TRUST_PROXY: 'on',
        BUILD_ID: 'next-build',
      },
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 8080,
        host: '127.0.0.1',
        publicUrl: 'https://timer.example.org',
        dataDir: '/home/me/balint/state',
        logLevel: 'warn',
        groupTtlMs: 1_800_000,
        standingTtlMs: 30 * 86_400_000,
        rateLimit: false,
        trustProxy: true,
        buildId: 'next-build',
      },
    });
    expect(parseConfig({ TRUST_PROXY: '2' }, context)).toMatchObject({ config: { trustProxy: 2 } });
  });

  it('reports every bad value', () => {
    const result = parseConfig(
      {
        PORT: 'x',
        PUBLIC_URL: 'ftp://x',
        LOG_LEVEL: 'loud',
        GROUP_TTL_HOURS: '-1',
        STANDING_TTL_DAYS: 'a year',
        RATE_LIMIT: 'maybe',
        TRUST_PROXY: 'perhaps',
        BUILD_ID: 'a build',
      },
      context,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(8);
  });
});

describe('configuration: strict where a typo would surprise', () => {
  it('PORT and GROUP_TTL_HOURS are plain decimal numbers', () => {
    for (const env of [
      { PORT: '0x10' },
      { PORT: '1e3' },
      { PORT: '80.5' },
      { GROUP_TTL_HOURS: '0x10' },
      { GROUP_TTL_HOURS: '1e-12' },
      { GROUP_TTL_HOURS: 'Infinity' },
      { STANDING_TTL_DAYS: '0' },
      { STANDING_TTL_DAYS: '1e3' },
      { STANDING_TTL_DAYS: '99999' },
    ]) {
      expect(parseConfig(env, context).ok, JSON.stringify(env)).toBe(false);
    }
    expect(parseConfig({ PORT: ' 8080 ', GROUP_TTL_HOURS: '0.25' }, context)).toMatchObject({
      config: { port: 8080, groupTtlMs: 900_000 },
    });
  });

  it('PUBLIC_URL is a base the join links can be appended to', () => {
    for (const PUBLIC_URL of ['http://10.0.0.5/?x=1', 'http://10.0.0.5/#here', 'http://me:pw@x']) {
      expect(parseConfig({ PUBLIC_URL }, context).ok, PUBLIC_URL).toBe(false);
    }
    expect(parseConfig({ PUBLIC_URL: 'https://example.org/timer/' }, context)).toMatchObject({
      config: { publicUrl: 'https://example.org/timer' },
    });
  });

  it('REDIS_URL must be a redis:// or rediss:// URL, kept for the scale-out mode', () => {
    expect(parseConfig({ REDIS_URL: 'redis://10.0.0.5:6379' }, context)).toMatchObject({
      ok: true,
      config: { redisUrl: 'redis://10.0.0.5:6379' },
    });
    expect(parseConfig({ REDIS_URL: 'rediss://cache.example.org' }, context).ok).toBe(true);
    for (const REDIS_URL of ['localhost:6379', 'http://10.0.0.5', 'nonsense']) {
      expect(parseConfig({ REDIS_URL }, context).ok, REDIS_URL).toBe(false);
    }
  });
});

describe('LAN addresses', () => {
  it('lists non-internal IPv4 addresses, private ranges first', () => {
    const found = lanAddresses({
      lo: [nic('127.0.0.1', true)],
      eth0: [nic('203.0.113.5'), { ...nic('fe80::1'), family: 'IPv6', scopeid: 0 }],
      wlan0: [nic('10.1.2.3'), nic('192.168.1.20')],
      docker0: [nic('172.17.0.1')],
    });
    expect(found.map((lan) => lan.address)).toEqual([
      '192.168.1.20',
      '10.1.2.3',
      '172.17.0.1',
      '203.0.113.5',
    ]);
    expect(defaultPublicUrl(found, 3000)).toBe('http://192.168.1.20:3000');
    expect(defaultPublicUrl([], 3000)).toBe('http://localhost:3000');
    expect(parseConfig({}, { ...context, lan: found })).toMatchObject({
      config: { publicUrl: 'http://192.168.1.20:3000' },
    });
  });

  it('puts the room network before virtual machines, containers and VPNs', () => {
    // A facilitator's laptop: VirtualBox host-only 192.168.56.1, Docker, a VPN on 10.x,
    // and the room's Wi-Fi on 172.20.x.
    const found = lanAddresses({
      vboxnet0: [nic('192.168.56.1')],
      docker0: [nic('172.17.0.1')],
      'br-5f2a': [nic('172.18.0.1')],
      utun3: [nic('10.8.0.2')],
      tailscale0: [nic('100.100.1.2')],
      wlp2s0: [nic('172.20.10.4')],
    });
    expect(found[0]).toMatchObject({ address: '172.20.10.4', isPrivate: true });
    expect(defaultPublicUrl(found, 3000)).toBe('http://172.20.10.4:3000');
    // With only virtual networks, a private one is still better than none.
    const onlyVirtual = lanAddresses({ docker0: [nic('172.17.0.1')] });
    expect(defaultPublicUrl(onlyVirtual, 3000)).toBe('http://172.17.0.1:3000');
  });

  it('knows the private ranges', () => {
    for (const address of ['10.0.0.1', '172.16.0.1', '172.31.255.1', '192.168.0.1']) {
      expect(isPrivateIPv4(address)).toBe(true);
    }
    for (const address of ['172.32.0.1', '192.169.0.1', '8.8.8.8', 'x']) {
      expect(isPrivateIPv4(address)).toBe(false);
    }
  });
});
