// Which per-address counter a client address belongs to. One IPv6 customer
// usually holds a whole /64 (SLAAC, privacy addresses): counting each of its
// 2^64 addresses separately would make the per-address limit worthless, so
// IPv6 is keyed by its /64. IPv4 (also when written as ::ffff:a.b.c.d) is
// keyed by the full address. Framework-free.
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
 * The throttle key for a client address, or undefined when there is no usable
 * address (the caller refuses the attempt: a missing address must never mean
 * "no limit").
 */
export function addressKeyOf(address: string | null | undefined): string | undefined {
  const text = address?.trim();
  if (!text) return undefined;
  if (isIPv4(text)) return `${IP_KEY_PREFIX}${text}`;
  if (!isIPv6(text)) return undefined;
  const hextets = ipv6Hextets(text);
  if (!hextets) return undefined;
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address it is.
  if (hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff) {
    const [hi, lo] = [hextets[6]!, hextets[7]!];
    return `${IP_KEY_PREFIX}${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  return `${IP_KEY_PREFIX}${hextets
    .slice(0, 4)
    .map((h) => h.toString(16))
    .join(':')}::/64`;
}
