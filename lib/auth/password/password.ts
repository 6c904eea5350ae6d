// Password hashing with argon2id. Framework-free on purpose (no 'server-only'):
// the seed script and tests import it outside Next.js. It still must never be
// imported by client code — argon2 is a native module and would not bundle anyway.
import { randomBytes } from 'node:crypto';
import { argon2id, hash, needsRehash, verify } from 'argon2';

// OWASP Password Storage Cheat Sheet, "Argon2id": minimum configuration
// m=19456 KiB (19 MiB), t=2, p=1 — about 20–30 ms per hash on our 2-core machine.
// https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
export const PASSWORD_HASH_PARAMS = {
  type: argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export type PasswordVerification =
  // needsRehash: the stored hash used other parameters (or another Argon2 variant);
  // the caller should store hashPassword(plain) now that it knows the password.
  | { ok: true; needsRehash: boolean }
  | { ok: false; reason: 'mismatch' }
  // The stored value is not an Argon2 PHC string: a data problem, not a wrong password.
  | { ok: false; reason: 'malformed-hash' };

// NIST SP 800-63B §5.1.1.2: normalise Unicode so the same password typed on
// different keyboards / OSes (composed vs decomposed accents) hashes the same.
const normalize = (plain: string) => plain.normalize('NFKC');

export async function hashPassword(plain: string): Promise<string> {
  return hash(normalize(plain), PASSWORD_HASH_PARAMS);
}

export async function verifyPassword(storedHash: string, plain: string): Promise<PasswordVerification> {
  let matches: boolean;
  try {
    matches = await verify(storedHash, normalize(plain));
  } catch {
    // @phc/format throws on strings it cannot parse.
    return { ok: false, reason: 'malformed-hash' };
  }
  if (!matches) return { ok: false, reason: 'mismatch' };
  // needsRehash() compares m/t/p/version only, so check the variant ourselves.
  const outdated = !storedHash.startsWith('$argon2id$') || needsRehash(storedHash, PASSWORD_HASH_PARAMS);
  return { ok: true, needsRehash: outdated };
}

// A hash of a random password nobody knows, with the current parameters, made
// once per process. Verifying against it costs exactly what a real verification
// costs, so "unknown email" and "wrong password" take the same time.
let dummyHash: Promise<string> | undefined;

function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummyHash;
}

/** Call at boot so that not even the first unknown-email attempt pays for building the dummy. */
export async function primeDummyPasswordHash(): Promise<void> {
  await getDummyHash();
}

/** The same work as verifyPassword, for sign-in attempts whose email matches no user. Never succeeds. */
export async function verifyPasswordAgainstDummy(plain: string): Promise<{ ok: false; reason: 'mismatch' }> {
  await verifyPassword(await getDummyHash(), plain);
  return { ok: false, reason: 'mismatch' };
}
