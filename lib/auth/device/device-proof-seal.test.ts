import { sealData } from 'iron-session';
import { describe, expect, it } from 'vitest';
import { createPendingLoginSealer } from '../sign-in/pending-login-seal';
import { createDeviceProofSealer, isProofOf } from './device-proof-seal';

const keys = { '1': 'd'.repeat(40) };
const ttlMs = 30 * 24 * 60 * 60_000;
const sealer = createDeviceProofSealer({ keys, ttlMs });
const t0 = new Date('2026-12-01T10:00:00Z');
const alice = { id: 'user-alice', passwordChangedAt: new Date('2026-11-01T00:00:00Z') };
const proofFor = (user: typeof alice) => sealer.seal({ userId: user.id, epoch: user.passwordChangedAt.getTime() }, t0);

describe('device proof', () => {
  it("vouches for its own user in her current epoch only: not for another user, not after a password change", async () => {
    const proof = await sealer.unseal(await proofFor(alice), t0);
    expect(proof).toEqual({ userId: alice.id, epoch: alice.passwordChangedAt.getTime(), issuedAt: t0.getTime() });
    expect(isProofOf(proof, alice)).toBe(true);
    expect(isProofOf(proof, { ...alice, id: 'user-bob' })).toBe(false);
    expect(isProofOf(proof, { ...alice, passwordChangedAt: new Date('2026-12-01T09:00:00Z') })).toBe(false);
    expect(isProofOf(undefined, alice)).toBe(false);
  });

  it('expires after its lifetime', async () => {
    const sealed = await proofFor(alice);
    expect(await sealer.unseal(sealed, new Date(t0.getTime() + ttlMs - 1000))).toBeDefined();
    expect(await sealer.unseal(sealed, new Date(t0.getTime() + ttlMs))).toBeUndefined();
  });

  it('is not forged from other seals under the same keys, from other keys, or by tampering — and never throws', async () => {
    const sealed = await proofFor(alice);
    const pending = await createPendingLoginSealer({ keys, ttlMs: 60_000 }).seal({ userId: alice.id, method: 'password', next: '/' }, t0);
    const otherKeys = await createDeviceProofSealer({ keys: { '1': 'e'.repeat(40) }, ttlMs }).seal({ userId: alice.id, epoch: 1 }, t0);
    const noPurpose = await sealData({ v: 1, userId: alice.id, epoch: alice.passwordChangedAt.getTime(), issuedAt: t0.getTime() }, { password: keys });
    const flipped = sealed.slice(0, 40) + (sealed[40] === 'A' ? 'B' : 'A') + sealed.slice(41);
    for (const value of [pending.sealed, otherKeys, noPurpose, flipped, '', 'x'.repeat(5000), 'Fe26.2**~2']) {
      expect(await sealer.unseal(value, t0), value.slice(0, 30)).toBeUndefined();
    }
  });
});
