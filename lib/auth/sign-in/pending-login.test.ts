import { describe, expect, it } from 'vitest';
import { createPendingLoginSealer } from './pending-login-seal';

const keys = { '1': 'p'.repeat(40) };
const ttlMs = 5 * 60_000;
const sealer = createPendingLoginSealer({ keys, ttlMs });
const t0 = new Date();
const input = { userId: 'user-1', method: 'password' as const, next: '/transfers/new' };

describe('pending-login seal', () => {
  it('round-trips userId, method, next, issuedAt and a random nonce', async () => {
    const { pending, sealed } = await sealer.seal(input, t0);
    expect(sealed).toMatch(/^Fe26\.2\*/);
    expect(sealed).not.toContain('user-1');
    expect(await sealer.unseal(sealed, t0)).toEqual({ ok: true, pending });
    expect(pending).toMatchObject({ ...input, issuedAt: t0.getTime() });
    const again = await sealer.seal(input, t0);
    expect(again.pending.nonce).not.toBe(pending.nonce);
  });

  it('expires after the TTL', async () => {
    const { sealed } = await sealer.seal(input, t0);
    expect((await sealer.unseal(sealed, new Date(t0.getTime() + ttlMs - 1000))).ok).toBe(true);
    expect(await sealer.unseal(sealed, new Date(t0.getTime() + ttlMs))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects tampered, foreign and malformed values — never throws', async () => {
    const { sealed } = await sealer.seal(input, t0);
    const flipped = sealed.slice(0, 40) + (sealed[40] === 'A' ? 'B' : 'A') + sealed.slice(41);
    expect((await sealer.unseal(flipped, t0)).ok).toBe(false);
    const foreign = createPendingLoginSealer({ keys: { '1': 'q'.repeat(40) }, ttlMs });
    expect((await foreign.unseal(sealed, t0)).ok).toBe(false);
    for (const value of ['', 'garbage', 'Fe26.2**~2', 'x'.repeat(100_000)]) expect((await sealer.unseal(value, t0)).ok).toBe(false);
  });

  it('refuses a session-cookie seal (same secrets, different payload)', async () => {
    const { sealData } = await import('iron-session');
    const sessionLike = await sealData({ id: 'x'.repeat(20), secret: 'y'.repeat(43), iat: t0.getTime() }, { password: keys, ttl: 300 });
    expect(await sealer.unseal(sessionLike, t0)).toEqual({ ok: false, reason: 'unsealable' });
  });
});
