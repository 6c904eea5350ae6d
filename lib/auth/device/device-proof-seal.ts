// Sealing and checking the device proof (ADR 031), framework-free and
// unit-tested. A browser in which a user signed in keeps this seal: iron-session
// (AES-256-CBC + HMAC-SHA-256 under the SESSION_SECRETS key map, like the
// session and pending-login cookies), naming the user and the epoch it was
// issued in — the user's passwordChangedAt, so a password change revokes every
// device proof at once. It expires by itself; it is not a session and grants
// nothing but a separate throttle counter.
import { z } from 'zod';
import type { Keys } from '../../config/sealing-key';
import { createPayloadSealer } from '../../crypto/sealed-payload';

export type DeviceProof = { userId: string; epoch: number; issuedAt: number };

const MAX_COOKIE_LENGTH = 1024;

const payloadSchema = z.object({
  v: z.literal(1),
  // Tells this seal from the session and pending-login seals under the same keys.
  purpose: z.literal('device-proof'),
  userId: z.string().min(1).max(64),
  epoch: z.number().int().nonnegative(),
  issuedAt: z.number().int().positive(),
});

/** The epoch a user's device proofs must carry: a password change starts a new one. */
export const deviceEpochOf = (user: { passwordChangedAt: Date }) => user.passwordChangedAt.getTime();

/** Whether a proof vouches for this user now (same user, current epoch). */
export function isProofOf(proof: DeviceProof | undefined, user: { id: string; passwordChangedAt: Date }): boolean {
  return proof !== undefined && proof.userId === user.id && proof.epoch === deviceEpochOf(user);
}

export function createDeviceProofSealer(options: { keys: Keys; ttlMs: number }) {
  const sealer = createPayloadSealer({ ...options, maxLength: MAX_COOKIE_LENGTH, schema: payloadSchema });

  function seal(input: { userId: string; epoch: number }, now: Date): Promise<string> {
    return sealer.seal({ v: 1, purpose: 'device-proof', ...input, issuedAt: now.getTime() });
  }

  /** The proof in a cookie value, or undefined for anything else (malformed, foreign, tampered, expired). */
  async function unseal(value: string, now: Date): Promise<DeviceProof | undefined> {
    const unsealed = await sealer.unseal(value, now);
    if (!unsealed.ok) return undefined;
    const { userId, epoch, issuedAt } = unsealed.payload;
    return { userId, epoch, issuedAt };
  }

  return { seal, unseal };
}
