// The cookie value: an iron-session seal (AES-256-CBC + HMAC-SHA-256, keyed by
// the SESSION_SECRETS key map) of { id, secret, gen, iat }. New seals use the
// sealing key (lib/config/sealing-key.ts); every listed key unseals. Unsealing costs ~0.5 ms,
// so results are cached per exact cookie string: same input, same output, and
// the cached entry dies with the seal's TTL. Anything unsealable is "no session".
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { allKeys, onlySealingKey, type Keys } from '../config/sealing-key';
import { SEAL_SHAPE } from '../crypto/sealed-payload';
import type { SessionToken } from './token';

export type UnsealResult =
  | { ok: true; token: SessionToken; issuedAt: Date }
  | { ok: false; reason: 'malformed' | 'unsealable' | 'expired' };

// A real seal is ~300 characters; anything far larger is not ours (and costs work).
const MAX_COOKIE_LENGTH = 1024;
const CACHE_LIMIT = 5_000;

const payloadSchema = z.object({
  id: z.string().min(16).max(64),
  secret: z.string().min(32).max(128),
  gen: z.number().int().nonnegative().optional(), // absent in cookies sealed before generations existed
  iat: z.number().int().positive(),
});

type CacheEntry = { token: SessionToken; issuedAt: Date; expiresAtMs: number };

export function createSessionSealer(options: { keys: Keys; ttlMs: number }) {
  const ttlSeconds = Math.ceil(options.ttlMs / 1000);
  const cache = new Map<string, CacheEntry>();

  async function sealSessionToken(token: SessionToken, issuedAt: Date): Promise<string> {
    const payload = { id: token.id, secret: token.secret, gen: token.generation, iat: issuedAt.getTime() };
    // iron-session names its key map `password`.
    return sealData(payload, { password: onlySealingKey(options.keys), ttl: ttlSeconds });
  }

  async function unsealSessionToken(value: string, now: Date): Promise<UnsealResult> {
    if (value.length > MAX_COOKIE_LENGTH || !SEAL_SHAPE.test(value)) return { ok: false, reason: 'malformed' };

    const cached = cache.get(value);
    if (cached) {
      if (now.getTime() < cached.expiresAtMs) return { ok: true, token: cached.token, issuedAt: cached.issuedAt };
      cache.delete(value);
      return { ok: false, reason: 'expired' };
    }

    let data: unknown;
    try {
      data = await unsealData(value, { password: allKeys(options.keys), ttl: ttlSeconds });
    } catch {
      return { ok: false, reason: 'unsealable' }; // corrupt base64, bad JSON, …
    }
    const parsed = payloadSchema.safeParse(data);
    if (!parsed.success) return { ok: false, reason: 'unsealable' };

    const { id, secret, gen, iat } = parsed.data;
    const entry: CacheEntry = { token: { id, secret, generation: gen }, issuedAt: new Date(iat), expiresAtMs: iat + options.ttlMs };
    if (now.getTime() >= entry.expiresAtMs) return { ok: false, reason: 'expired' };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string); // evict the oldest
    cache.set(value, entry);
    return { ok: true, token: entry.token, issuedAt: entry.issuedAt };
  }

  return { sealSessionToken, unsealSessionToken };
}

export type SessionSealer = ReturnType<typeof createSessionSealer>;
