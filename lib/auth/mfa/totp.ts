// TOTP (RFC 6238) with otplib: HMAC-SHA-1, 6 digits, 30-second steps — what
// every authenticator app speaks — accepting the previous and next step for
// clock drift. Each accepted code raises User.totpLastStep in one conditional
// update, so a code (or an older one) can never be used twice, even by two
// parallel requests. Framework-free; the secret arrives decrypted, and the
// step is consumed through the store (lib/dal/mfa.ts).
import { generate, generateSecret, generateURI, verify } from 'otplib';
import { APP_NAME } from '../../config/app-name';
import type { SecondFactorStore } from './second-factor';

/** The name authenticator apps list the entry under. Renaming it leaves existing entries working (only their label is old). */
export const TOTP_ISSUER = APP_NAME;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** ±1 step: a code from the previous or next 30-second window still counts. */
const EPOCH_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

/** A new random secret: 20 bytes (160 bits, RFC 4226 §4), Base32. */
export function createTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret, algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** "ABCD EFGH …": the secret in groups of four, for typing it in by hand. */
export function formatManualKey(secret: string): string {
  return secret.replace(/=+$/, '').match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Spaces and dashes people type or paste are ignored; anything else must be six digits. */
export function normalizeTotpInput(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false };

/** Checks a code against a secret at `now` (no replay check: see acceptTotpCode). */
export async function checkTotpCode(secret: string, input: string, now: Date): Promise<TotpCheck> {
  const token = normalizeTotpInput(input);
  if (!token) return { valid: false };
  try {
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: EPOCH_TOLERANCE_SECONDS,
      algorithm: 'sha1',
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
    });
    return result.valid && 'timeStep' in result ? { valid: true, timeStep: result.timeStep } : { valid: false };
  } catch {
    // otplib throws on a secret it cannot decode — a data problem; never a valid code.
    return { valid: false };
  }
}

/** The current code for a secret (tests, and the e2e suite's helper use the same). */
export function currentTotpCode(secret: string, now: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000), algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

export type TotpAcceptance = { ok: true; timeStep: number } | { ok: false; reason: 'invalid' | 'replayed' };

/**
 * Verifies a code for a user with TOTP enabled and consumes its time step:
 * accepted only if the step is later than the last accepted one, set in the
 * same statement that checks it.
 */
export async function acceptTotpCode(
  store: Pick<SecondFactorStore, 'consumeTotpStep'>,
  user: { id: string; secret: string },
  input: string,
  now: Date,
): Promise<TotpAcceptance> {
  const check = await checkTotpCode(user.secret, input, now);
  if (!check.valid) return { ok: false, reason: 'invalid' };
  return (await store.consumeTotpStep(user.id, check.timeStep)) ? { ok: true, timeStep: check.timeStep } : { ok: false, reason: 'replayed' };
}
