// The discoverable sign-in's challenge, sealed into the browser's attempt
// cookie instead of a row (ADR 032): an anonymous GET /login/passkey writes
// nothing. iron-session's seal (AES-256-CBC + HMAC-SHA-256 under SESSION_SECRETS)
// keeps it unforgeable; its age is checked here against the challenge TTL.
// Single use is enforced when an assertion is checked (spendSealedChallenge).
// Framework-free, unit-tested.
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { allKeys, sealingPasswords, type Keys } from '../../config/sealing-key';
import { CHALLENGE_TTL_MS, newRandomChallenge } from './challenges';

export type SignInAttempt = { challenge: string; issuedAt: number };

const MAX_SEAL_LENGTH = 1024;
const SEAL_SHAPE = /^Fe26\.2\*[A-Za-z0-9_\-*]+~2$/;
const TTL_SECONDS = Math.ceil(CHALLENGE_TTL_MS / 1000);
const payloadSchema = z.object({ v: z.literal(1), challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/), issuedAt: z.number().int().positive() });

export async function sealSignInAttempt(keys: Keys, now: Date): Promise<{ attempt: SignInAttempt; sealed: string }> {
  const attempt = { challenge: newRandomChallenge(), issuedAt: now.getTime() };
  return { attempt, sealed: await sealData({ v: 1, ...attempt }, { password: sealingPasswords(keys), ttl: TTL_SECONDS }) };
}

/** The attempt in `value`, or undefined when it is not ours, malformed or older than the challenge TTL. */
export async function unsealSignInAttempt(keys: Keys, value: string | undefined, now: Date): Promise<SignInAttempt | undefined> {
  if (!value || value.length > MAX_SEAL_LENGTH || !SEAL_SHAPE.test(value)) return undefined;
  try {
    const parsed = payloadSchema.safeParse(await unsealData(value, { password: allKeys(keys), ttl: TTL_SECONDS }));
    if (!parsed.success) return undefined;
    const age = now.getTime() - parsed.data.issuedAt;
    return age >= 0 && age < CHALLENGE_TTL_MS ? { challenge: parsed.data.challenge, issuedAt: parsed.data.issuedAt } : undefined;
  } catch {
    return undefined;
  }
}
