// Sealing and unsealing the pending-login payload (framework-free, unit-tested),
// with the app's one payload sealer (lib/crypto/sealed-payload.ts).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Keys } from '../../config/sealing-key';
import { createPayloadSealer, type UnsealedPayload } from '../../crypto/sealed-payload';

export type PendingLoginMethod = 'password' | 'sso';

export type PendingLogin = {
  userId: string;
  method: PendingLoginMethod;
  /** Where to go after the code step; already a safe relative path. */
  next: string;
  issuedAt: number;
  /** Random, single-use: consumed when the code step succeeds. */
  nonce: string;
};

const MAX_COOKIE_LENGTH = 4096;

const payloadSchema = z.object({
  v: z.literal(1),
  userId: z.string().min(1).max(64),
  method: z.enum(['password', 'sso']),
  next: z.string().startsWith('/').max(2048),
  issuedAt: z.number().int().positive(),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
});

export type PendingUnsealResult = { ok: true; pending: PendingLogin } | Extract<UnsealedPayload<never>, { ok: false }>;

export function createPendingLoginSealer(options: { keys: Keys; ttlMs: number }) {
  const sealer = createPayloadSealer({ ...options, maxLength: MAX_COOKIE_LENGTH, schema: payloadSchema });

  async function seal(
    input: { userId: string; method: PendingLoginMethod; next: string },
    now: Date,
  ): Promise<{ pending: PendingLogin; sealed: string }> {
    const pending: PendingLogin = { ...input, issuedAt: now.getTime(), nonce: randomBytes(24).toString('base64url') };
    return { pending, sealed: await sealer.seal({ v: 1, ...pending }) };
  }

  async function unseal(value: string, now: Date): Promise<PendingUnsealResult> {
    const unsealed = await sealer.unseal(value, now);
    if (!unsealed.ok) return unsealed;
    const { v: _version, ...pending } = unsealed.payload;
    return { ok: true, pending };
  }

  return { seal, unseal };
}
