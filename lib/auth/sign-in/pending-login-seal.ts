// Sealing and unsealing the pending-login payload (framework-free, unit-tested).
// iron-session's seal is AES-256-CBC + HMAC-SHA-256 under the SESSION_SECRETS
// password map (new seals under the sealing key, lib/config/sealing-key.ts); its own TTL is enforced, and issuedAt is checked again here so
// the lifetime does not depend on iron's clock-skew allowance.
import { randomBytes } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { allKeys, sealingPasswords, type Keys } from '../../config/sealing-key';

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
export const SEAL_SHAPE = /^Fe26\.2\*[A-Za-z0-9_\-*]+~2$/;

const payloadSchema = z.object({
  v: z.literal(1),
  userId: z.string().min(1).max(64),
  method: z.enum(['password', 'sso']),
  next: z.string().startsWith('/').max(2048),
  issuedAt: z.number().int().positive(),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
});

export type PendingUnsealResult = { ok: true; pending: PendingLogin } | { ok: false; reason: 'malformed' | 'unsealable' | 'expired' };

export function createPendingLoginSealer(options: { passwords: Keys; ttlMs: number }) {
  const ttlSeconds = Math.max(1, Math.ceil(options.ttlMs / 1000));

  async function seal(
    input: { userId: string; method: PendingLoginMethod; next: string },
    now: Date,
  ): Promise<{ pending: PendingLogin; sealed: string }> {
    const pending: PendingLogin = { ...input, issuedAt: now.getTime(), nonce: randomBytes(24).toString('base64url') };
    const sealed = await sealData({ v: 1, ...pending }, { password: sealingPasswords(options.passwords), ttl: ttlSeconds });
    return { pending, sealed };
  }

  async function unseal(value: string, now: Date): Promise<PendingUnsealResult> {
    if (value.length > MAX_COOKIE_LENGTH || !SEAL_SHAPE.test(value)) return { ok: false, reason: 'malformed' };
    let data: unknown;
    try {
      data = await unsealData(value, { password: allKeys(options.passwords), ttl: ttlSeconds });
    } catch {
      return { ok: false, reason: 'unsealable' };
    }
    const parsed = payloadSchema.safeParse(data);
    if (!parsed.success) return { ok: false, reason: 'unsealable' };
    const { v: _version, ...pending } = parsed.data;
    const age = now.getTime() - pending.issuedAt;
    if (age < 0 || age >= options.ttlMs) return { ok: false, reason: 'expired' };
    return { ok: true, pending };
  }

  return { seal, unseal };
}
