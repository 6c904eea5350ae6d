// The discoverable sign-in's challenge, sealed into the browser's attempt
// cookie instead of a row (ADR 032): an anonymous GET /login/passkey writes
// nothing. iron-session's seal (AES-256-CBC + HMAC-SHA-256 under SESSION_SECRETS)
// keeps it unforgeable; its age is checked against the challenge TTL.
// Single use is enforced when an assertion is checked (spendSealedChallenge).
// Framework-free, unit-tested.
import { z } from 'zod';
import type { Keys } from '../../config/sealing-key';
import { createPayloadSealer } from '../../crypto/sealed-payload';
import { CHALLENGE_TTL_MS, newRandomChallenge } from './challenges';

export type SignInAttempt = { challenge: string; issuedAt: number };

const MAX_SEAL_LENGTH = 1024;
const payloadSchema = z.object({ v: z.literal(1), challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/), issuedAt: z.number().int().positive() });
const sealerFor = (keys: Keys) => createPayloadSealer({ keys, ttlMs: CHALLENGE_TTL_MS, maxLength: MAX_SEAL_LENGTH, schema: payloadSchema });

export async function sealSignInAttempt(keys: Keys, now: Date): Promise<{ attempt: SignInAttempt; sealed: string }> {
  const attempt = { challenge: newRandomChallenge(), issuedAt: now.getTime() };
  return { attempt, sealed: await sealerFor(keys).seal({ v: 1, ...attempt }) };
}

/** The attempt in `value`, or undefined when it is not ours, malformed or older than the challenge TTL. */
export async function unsealSignInAttempt(keys: Keys, value: string | undefined, now: Date): Promise<SignInAttempt | undefined> {
  if (!value) return undefined;
  const unsealed = await sealerFor(keys).unseal(value, now);
  return unsealed.ok ? { challenge: unsealed.payload.challenge, issuedAt: unsealed.payload.issuedAt } : undefined;
}
