// Generators of hostile input, shared by the e2e fuzz spec (e2e/session-fuzz.spec.ts)
// and `npm run test:fuzz` (tools/fuzz/fuzz.ts): session cookie values and
// malformed form fields. Deterministic given the `random` source, so a failing
// case can be replayed with the same seed.
import crypto from 'node:crypto';
import { sealData } from 'iron-session';

export type Random = { int: (max: number) => number; bytes: (n: number) => Buffer };

/** crypto-strength by default; `seededRandom` for a replayable run. */
export const cryptoRandom: Random = { int: (max) => (max <= 1 ? 0 : crypto.randomInt(max)), bytes: (n) => crypto.randomBytes(n) };

export function seededRandom(seed: string): Random {
  let counter = 0;
  const block = () => crypto.createHash('sha256').update(`${seed}:${counter++}`).digest();
  const bytes = (n: number) => {
    const chunks: Buffer[] = [];
    for (let have = 0; have < n; have += 32) chunks.push(block());
    return Buffer.concat(chunks).subarray(0, n);
  };
  return { int: (max) => (max <= 1 ? 0 : bytes(6).readUIntBE(0, 6) % max), bytes };
}

const PRINTABLE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_*~.%!$&\'()+/:<>=?@[]^`{|}';

export function randomPrintable(random: Random, length: number): string {
  return Array.from({ length }, () => PRINTABLE[random.int(PRINTABLE.length)]).join('');
}

/** One bit of the seal's base64url payload flipped (still well-formed, no longer authentic). */
function flipBit(random: Random, seal: string): string {
  const parts = seal.split('*');
  const index = 3 + random.int(Math.max(1, parts.length - 3)); // salt, iv, ciphertext, expiry, hmac salt, hmac …
  const part = parts[Math.min(index, parts.length - 1)] ?? '';
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.length === 0) return `${seal}A`;
  const at = random.int(bytes.length);
  bytes[at]! ^= 1 << random.int(8);
  parts[Math.min(index, parts.length - 1)] = bytes.toString('base64url');
  return parts.join('*');
}

export const cookieMutationKinds = ['random', 'truncated', 'bit-flipped', 'one character changed', 'oversized', 'random seal', 'unknown key id', 'another key'] as const;
export type CookieMutationKind = (typeof cookieMutationKinds)[number];

/**
 * `count` cookie values derived from a genuine seal, cycling through the kinds.
 * `anotherKeySeal` is a seal of the same kind of payload under a key the server
 * does not have (pass one; sealing 10,000 times would be slow).
 */
export function cookieMutations(genuine: string, count: number, options: { random?: Random; anotherKeySeal?: string } = {}): { kind: CookieMutationKind; value: string }[] {
  const random = options.random ?? cryptoRandom;
  const values: { kind: CookieMutationKind; value: string }[] = [];
  for (let i = 0; values.length < count; i++) {
    const kind = cookieMutationKinds[i % cookieMutationKinds.length]!;
    let value: string;
    switch (kind) {
      case 'random': value = randomPrintable(random, 1 + random.int(600)); break;
      case 'truncated': value = genuine.slice(0, random.int(genuine.length)); break;
      case 'bit-flipped': value = flipBit(random, genuine); break;
      case 'one character changed': { const at = random.int(genuine.length); value = genuine.slice(0, at) + randomPrintable(random, 1) + genuine.slice(at + 1); break; }
      case 'oversized': value = genuine + randomPrintable(random, 1 + random.int(12_000)); break;
      case 'random seal': value = `Fe26.2*1*${random.bytes(random.int(300)).toString('base64url')}*${randomPrintable(random, 40)}~2`; break;
      case 'unknown key id': value = genuine.replace(/^Fe26\.2\*[^*]*\*/, `Fe26.2*${2 + random.int(98)}*`); break;
      case 'another key': value = options.anotherKeySeal ? flipOrKeep(random, options.anotherKeySeal) : randomPrintable(random, 200); break;
    }
    if (value !== genuine) values.push({ kind, value });
  }
  return values;
}

function flipOrKeep(random: Random, seal: string): string {
  return random.int(2) === 0 ? seal : seal.replace(/^Fe26\.2\*([^*]*)\*/, (_, id: string) => `Fe26.2*${id}${random.int(10)}*`);
}

/** A seal of `{ id, secret }` under a fresh random key with key id `keyId`: authentic-looking, never accepted. */
export async function sealUnderAnotherKey(keyId = '1'): Promise<string> {
  return sealData(
    { id: crypto.randomBytes(12).toString('hex'), secret: crypto.randomBytes(32).toString('base64url'), iat: Date.now() },
    { password: { [keyId]: crypto.randomBytes(32).toString('base64url') }, ttl: 3600 },
  );
}

/** A Cookie header carrying many cookies at once, several of them claiming to be the session. */
export function manyCookiesHeader(random: Random, values: string[], sessionCookie: string): string {
  const pairs: string[] = [];
  const n = 20 + random.int(180);
  for (let i = 0; i < n; i++) {
    pairs.push(random.int(3) === 0 ? `${sessionCookie}=${values[random.int(values.length)] ?? ''}` : `c${i}=${randomPrintable(random, random.int(60))}`);
  }
  return pairs.join('; ');
}

/** Malformed values for one form field: empty, huge, control characters, markup, SQL, wrong types. */
export function malformedFieldValue(random: Random): string {
  switch (random.int(14)) {
    case 0: return '';
    case 1: return 'x'.repeat(1 + random.int(200_000));
    case 2: return "' OR '1'='1' --";
    case 3: return '\u0000\u0001\u001f\u007f';
    case 4: return '🔒\u202e\u0301ｐａｓｓ';
    case 5: return '<script>alert(1)</script>';
    case 6: return '-1e309';
    case 7: return String(Number.MAX_SAFE_INTEGER) + '00000';
    case 8: return '$@1';
    case 9: return '{"__proto__":{"admin":true}}';
    case 10: return '../../etc/passwd';
    case 11: return random.bytes(1 + random.int(64)).toString('latin1');
    case 12: return '   ';
    default: return randomPrintable(random, 1 + random.int(300));
  }
}

/**
 * Server Action reply parts that name each other in a chain 500–10,000 long
 * (`$@`, `$` or `$Q` links): once a stack overflow, a 500 (ADR 033).
 */
export function chainedReplyParts(random: Random): [string, string][] {
  const length = 500 + random.int(9_500);
  const link = ['$@', '$', '$Q'][random.int(3)]!;
  return Array.from({ length }, (_, n): [string, string] => {
    if (n === length - 1) return [String(n), '[]'];
    const next = `${link}${(n + 1).toString(16)}`;
    return [String(n), link === '$Q' ? `[["k","${next}"]]` : `["${next}"]`];
  });
}

/** Paths the middleware matcher skips for GETs, where Next still runs Server Actions (ADR 033). */
export const STATIC_PATHS = ['/fonts/x.woff2', '/icons/x.svg', '/_next/image?url=%2Ficons%2Fx.png&w=64&q=75', '/robots.txt', '/favicon.ico', '/_next/static/x.js', '/api/health'];
