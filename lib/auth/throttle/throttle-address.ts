// Which per-address counters a client address belongs to. One IPv6 customer
// usually holds a whole /64 (SLAAC, privacy addresses), and often a /56 or a
// /48: counting each /64 alone would give a /48 65,536 times the limit. So IPv6
// counts against its /64, /56 and /48 together, each with a limit a small
// multiple of the /64's (ADR 031). IPv4 (also when written as ::ffff:a.b.c.d)
// is keyed by the full address. Framework-free.
import { isIPv4, isIPv6 } from 'node:net';

export const IP_KEY_PREFIX = 'ip:';

/** The 8 hextets of an IPv6 address (zone id dropped, "::" expanded, a trailing IPv4 part converted). */
function ipv6Hextets(address: string): number[] | undefined {
  let text = address.split('%')[0]!.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (isIPv4(tail)) {
    const [a, b, c, d] = tail.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const hextets = [...head, ...Array<number>(missing).fill(0), ...rest];
  return hextets.every((h) => Number.isInteger(h) && h >= 0 && h <= 0xffff) ? hextets : undefined;
}

/**
 * How many times the per-address limit an IPv6 prefix gets: a /56 holds 256
 * /64s but gets 4 × the limit, a /48 (65,536 /64s) 16 ×.
 */
export const IPV6_PREFIX_SCALE = { 64: 1, 56: 4, 48: 16 } as const;
type Ipv6PrefixLength = keyof typeof IPV6_PREFIX_SCALE;

function ipv6PrefixKey(hextets: readonly number[], length: Ipv6PrefixLength): string {
  // Whole hextets inside the prefix; the /56's last one keeps its high byte.
  const kept = hextets.slice(0, Math.ceil(length / 16)).map((h, i) => ((i + 1) * 16 > length ? h & 0xff00 : h));
  return `${IP_KEY_PREFIX}${kept.map((h) => h.toString(16)).join(':')}::/${length}`;
}

/**
 * The throttle keys for a client address, narrowest first (IPv4: the address;
 * IPv6: its /64, /56 and /48), or undefined when there is no usable address
 * (the caller refuses the attempt: a missing address must never mean "no limit").
 */
export function addressKeysOf(address: string | null | undefined): string[] | undefined {
  const text = address?.trim();
  if (!text) return undefined;
  if (isIPv4(text)) return [`${IP_KEY_PREFIX}${text}`];
  if (!isIPv6(text)) return undefined;
  const hextets = ipv6Hextets(text);
  if (!hextets) return undefined;
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address it is.
  if (hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff) {
    const [hi, lo] = [hextets[6]!, hextets[7]!];
    return [`${IP_KEY_PREFIX}${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`];
  }
  return ([64, 56, 48] as const).map((length) => ipv6PrefixKey(hextets, length));
}

/** The narrowest counter's key (the address itself, or its /64). */
export function addressKeyOf(address: string | null | undefined): string | undefined {
  return addressKeysOf(address)?.[0];
}

/** The limit of an address counter, from its key (an IPv6 prefix gets its multiple of the limit). */
export function addressLimitOf(key: string, ipMaxAttempts: number): number {
  const length = Number(/::\/(\d+)$/.exec(key)?.[1]);
  return ipMaxAttempts * (IPV6_PREFIX_SCALE[length as Ipv6PrefixLength] ?? 1);
}
