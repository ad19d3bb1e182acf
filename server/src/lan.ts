import type { NetworkInterfaceInfo } from 'node:os';

export interface LanAddress {
  address: string;
  /** In 10/8, 172.16/12 or 192.168/16: where a meeting room's Wi-Fi usually lives. */
  isPrivate: boolean;
  /** A virtual machine's, container's or VPN's network: phones in the room are not on it. */
  isVirtual: boolean;
}

/** Interface names of virtual networks on Linux, macOS and Windows laptops. */
const VIRTUAL_INTERFACE =
  /^(docker|br-|veth|virbr|vboxnet|vmnet|vnic|lxc|lxd|cni|flannel|podman|tun|tap|utun|wg|zt|tailscale|ppp|ipsec|awdl|llw|bridge|vEthernet)/i;

/** True for an IPv4 address in one of the private ranges of RFC 1918. */
export function isPrivateIPv4(address: string): boolean {
  const parts = address.split('.').map(Number);
  const [a, b] = parts;
  if (parts.length !== 4 || a === undefined || b === undefined) return false;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * Every non-internal IPv4 address, the likeliest room network first: private ranges on real
 * interfaces (192.168 before 10 before 172), then virtual ones, then public addresses.
 */
export function lanAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
): readonly LanAddress[] {
  const found: LanAddress[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue;
      if (found.some((known) => known.address === info.address)) continue;
      found.push({
        address: info.address,
        isPrivate: isPrivateIPv4(info.address),
        isVirtual: VIRTUAL_INTERFACE.test(name),
      });
    }
  }
  return found.sort((x, y) => rank(x) - rank(y));
}

function rank(lan: LanAddress): number {
  if (!lan.isPrivate) return 6;
  const range = lan.address.startsWith('192.168.') ? 0 : lan.address.startsWith('10.') ? 1 : 2;
  return lan.isVirtual ? 3 + range : range;
}

/** The URL phones should use: the first private LAN address, else localhost. */
export function defaultPublicUrl(addresses: readonly LanAddress[], port: number): string {
  const lan = addresses.find((candidate) => candidate.isPrivate);
  return `http://${lan ? lan.address : 'localhost'}:${port}`;
}
