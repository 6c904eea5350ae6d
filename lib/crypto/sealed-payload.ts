// A small payload sealed into a cookie value: iron-session's seal
// (AES-256-CBC + HMAC-SHA-256) under the SESSION_SECRETS key map — new seals
// under the sealing key, every listed key unseals (lib/config/sealing-key.ts).
// One shape check, one schema, one age check for every such cookie (pending
// login, passkey sign-in attempt, device proof); the session cookie adds a
// cache on top (lib/session/seal.ts). The age is checked here against issuedAt
// as well as by iron, so a lifetime does not depend on iron's clock-skew allowance.
import { sealData, unsealData } from 'iron-session';
import type { z } from 'zod';
import { allKeys, onlySealingKey, type Keys } from '../config/sealing-key';

/** What an iron-session seal looks like; anything else is not ours and is not worth unsealing. */
export const SEAL_SHAPE = /^Fe26\.2\*[A-Za-z0-9_\-*]+~2$/;

export type UnsealedPayload<T> = { ok: true; payload: T } | { ok: false; reason: 'malformed' | 'unsealable' | 'expired' };

export function createPayloadSealer<T extends { issuedAt: number }>(options: { keys: Keys; ttlMs: number; maxLength: number; schema: z.ZodType<T> }) {
  const ttlSeconds = Math.max(1, Math.ceil(options.ttlMs / 1000));

  function seal(payload: T): Promise<string> {
    // iron-session names its key map `password`.
    return sealData(payload, { password: onlySealingKey(options.keys), ttl: ttlSeconds });
  }

  /** The payload in `value`: refused when it is not a seal of ours, does not match the schema, or is older than the TTL. */
  async function unseal(value: string, now: Date): Promise<UnsealedPayload<T>> {
    if (value.length > options.maxLength || !SEAL_SHAPE.test(value)) return { ok: false, reason: 'malformed' };
    let data: unknown;
    try {
      data = await unsealData(value, { password: allKeys(options.keys), ttl: ttlSeconds });
    } catch {
      return { ok: false, reason: 'unsealable' }; // corrupt base64, bad JSON, another key, …
    }
    const parsed = options.schema.safeParse(data);
    if (!parsed.success) return { ok: false, reason: 'unsealable' };
    const age = now.getTime() - parsed.data.issuedAt;
    if (age < 0 || age >= options.ttlMs) return { ok: false, reason: 'expired' };
    return { ok: true, payload: parsed.data };
  }

  return { seal, unseal };
}
