import 'server-only';
// The device proof cookie (ADR 031, OWASP "device cookies"): issued at every
// successful sign-in, it lets this browser's later attempts for the same user
// count on the account's known-device counter, which an outsider who only knows
// the email cannot lock. `__Host-`, HttpOnly, Secure, SameSite=Lax, 30 days;
// explicit sign-out forgets it (Clear-Site-Data), closing the browser does not.
import { cookies } from 'next/headers';
import { fetchDeviceEpoch } from '../../dal/users';
import { sessionKeys } from '../../env';
import { sessionCookieOptions } from '../../session';
import { createDeviceProofSealer, deviceEpochOf, isProofOf, type DeviceProof } from './device-proof-seal';

export const DEVICE_PROOF_COOKIE_NAME = '__Host-device';
/** How long a browser stays known without signing in again (each sign-in renews it). */
export const DEVICE_PROOF_TTL_MS = 30 * 24 * 60 * 60_000;

const sealer = createDeviceProofSealer({ keys: sessionKeys, ttlMs: DEVICE_PROOF_TTL_MS });

/**
 * Gives this browser a fresh device proof for the user (replacing one for anyone
 * else). True when it already held a current one for this user: a known device
 * (ADR 047's "new device" is the opposite).
 */
export async function issueDeviceProof(userId: string, now: Date = new Date()): Promise<boolean> {
  const user = await fetchDeviceEpoch(userId);
  if (!user) return false;
  const known = isProofOf(await readDeviceProof(now), user);
  const sealed = await sealer.seal({ userId, epoch: deviceEpochOf(user) }, now);
  (await cookies()).set(DEVICE_PROOF_COOKIE_NAME, sealed, { ...sessionCookieOptions, maxAge: Math.floor(DEVICE_PROOF_TTL_MS / 1000) });
  return known;
}

/** This browser's device proof, if it holds an authentic, unexpired one (for whichever user). */
export async function readDeviceProof(now: Date = new Date()): Promise<DeviceProof | undefined> {
  const value = (await cookies()).get(DEVICE_PROOF_COOKIE_NAME)?.value;
  return value === undefined ? undefined : sealer.unseal(value, now);
}

/** Whether this browser holds a valid, current device proof for this user (one read of the user's epoch). */
export async function isKnownDeviceOf(userId: string, now: Date = new Date()): Promise<boolean> {
  const proof = await readDeviceProof(now);
  if (!proof) return false;
  const user = await fetchDeviceEpoch(userId);
  return user !== null && isProofOf(proof, user);
}
