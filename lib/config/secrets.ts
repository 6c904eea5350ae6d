// SESSION_SECRETS: "2:<newest>,1:<older>" — a map of keys (what iron-session
// calls its "password"; they are keys, not anyone's password). Ids are
// explicit and stable so a new secret can be prepended (next id) without
// invalidating cookies sealed under an older one; the highest id seals.
export type KeyMap = Record<string, string>;

export const MIN_SECRET_LENGTH = 32;
/**
 * Lowest accepted estimate (estimateSecretBits). A random 32-character hex
 * string — 128 real bits, the weakest secret worth having — rates about 90 or
 * more; 32 repeated characters rate 0, "abcd" eight times 8, "changeme" four times 22.
 */
export const MIN_SECRET_BITS = 80;

const GENERATE_HINT = 'generate one with `openssl rand -base64 32`';

export function parseSessionSecrets(text: string): KeyMap | string {
  const entries = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (entries.length === 0) return 'must name at least one secret';
  const map: KeyMap = {};
  for (const [index, entry] of entries.entries()) {
    // A single bare secret is shorthand for "1:<secret>".
    const hasId = /^\d+:/.test(entry);
    if (!hasId && entries.length > 1) return `entry ${index + 1} needs an id ("<id>:<secret>")`;
    const [id, secret] = hasId ? [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)] : ['1', entry];
    const idProblem = checkKeyId(id);
    if (idProblem) return `${idProblem} (entry ${index + 1})`;
    if (map[id] !== undefined) return `id ${id} appears twice`;
    if (secret.length < MIN_SECRET_LENGTH) return `secret ${id} is shorter than ${MIN_SECRET_LENGTH} characters`;
    const bits = estimateSecretBits(secret);
    if (bits < MIN_SECRET_BITS) {
      return `secret ${id} is too predictable (about ${Math.floor(bits)} bits of entropy, at least ${MIN_SECRET_BITS} needed): ${GENERATE_HINT}`;
    }
    map[id] = secret;
  }
  return map;
}

/**
 * Ids must be written the way iron-session writes them back: it picks the
 * sealing id with Math.max(...ids.map(Number)) and looks the secret up under
 * String(that number). "01" becomes "1", and a 20-digit id loses precision, so
 * either finds no secret and every seal fails with "Empty password".
 */
function checkKeyId(id: string): string | undefined {
  const number = Number(id);
  if (number < 1) return 'ids must be positive integers';
  if (!Number.isSafeInteger(number)) return `id ${id} is too large (at most ${Number.MAX_SAFE_INTEGER})`;
  if (String(number) !== id) return `id ${id} must be written ${number} (no leading zeros)`;
  return undefined;
}

/**
 * A rough entropy estimate in bits: the Shannon entropy of the character
 * distribution times the length of the secret's shortest repeating unit (a
 * secret that is one string written several times is no stronger than that
 * string once). It cannot recognise words; it is there to stop the obviously
 * made-up secret, not to grade good ones.
 */
export function estimateSecretBits(secret: string): number {
  const chars = [...secret];
  const unit = chars.slice(0, shortestPeriod(chars));
  const counts = new Map<string, number>();
  for (const char of unit) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / unit.length;
    bitsPerChar -= p * Math.log2(p);
  }
  return bitsPerChar * unit.length;
}

/** Length of the shortest prefix that, repeated, spells `chars` (the whole length if none does). */
function shortestPeriod(chars: string[]): number {
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((char, i) => char === chars[i % period])) return period;
  }
  return chars.length;
}
