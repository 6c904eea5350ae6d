import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createSessionSealer } from './seal';
import { generateSessionId, generateSessionSecret } from './token';

const oldSecret = 'o'.repeat(32) + randomBytes(8).toString('hex');
const newSecret = 'n'.repeat(32) + randomBytes(8).toString('hex');
const hour = 3_600_000;
const now = new Date();
const token = () => ({ id: generateSessionId(), secret: generateSessionSecret() });

describe('session cookie sealing', () => {
  const sealer = createSessionSealer({ keys: { 1: oldSecret }, ttlMs: 12 * hour });

  it('round-trips a token and its issue time', async () => {
    const t = token();
    const sealed = await sealer.sealSessionToken(t, now);
    expect(sealed).not.toContain(t.secret);
    const result = await sealer.unsealSessionToken(sealed, now);
    expect(result).toEqual({ ok: true, token: t, issuedAt: now });
  });

  it('treats a tampered seal as no session', async () => {
    const sealed = await sealer.sealSessionToken(token(), now);
    const i = sealed.indexOf('*', 10) + 5;
    const flipped = sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
    expect((await sealer.unsealSessionToken(flipped, now)).ok).toBe(false);
  });

  it('rejects a seal past its TTL', async () => {
    const sealed = await sealer.sealSessionToken(token(), new Date(now.getTime() - 13 * hour));
    expect(await sealer.unsealSessionToken(sealed, now)).toEqual({ ok: false, reason: 'expired' });
  });

  it('keeps old cookies valid after a new secret is prepended; new cookies use the new one', async () => {
    const t = token();
    const sealedUnderOld = await sealer.sealSessionToken(t, now);
    const rotated = createSessionSealer({ keys: { 2: newSecret, 1: oldSecret }, ttlMs: 12 * hour });
    expect(await rotated.unsealSessionToken(sealedUnderOld, now)).toMatchObject({ ok: true, token: t });

    const sealedUnderNew = await rotated.sealSessionToken(t, now);
    expect(sealedUnderNew).toMatch(/^Fe26\.2\*2\*/); // password id 2
    const newOnly = createSessionSealer({ keys: { 2: newSecret }, ttlMs: 12 * hour });
    expect((await newOnly.unsealSessionToken(sealedUnderNew, now)).ok).toBe(true);
    expect((await newOnly.unsealSessionToken(sealedUnderOld, now)).ok).toBe(false);
  });

  it('survives 1,000 malformed, tampered and oversized values: none authenticates, none throws', async () => {
    const genuine = await sealer.sealSessionToken(token(), now);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_*~.%;=, \u0000\u00ff\u{1f600}';
    const pick = () => alphabet[Math.floor(Math.random() * alphabet.length)] ?? 'A';
    const cases: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const kind = i % 5;
      if (kind === 0) cases.push(Array.from({ length: 1 + (i % 400) }, pick).join(''));
      else if (kind === 1) cases.push(genuine.slice(0, i % genuine.length)); // truncated
      else if (kind === 2) {
        const at = i % genuine.length;
        cases.push(genuine.slice(0, at) + pick() + genuine.slice(at + 1)); // one character changed
      } else if (kind === 3) cases.push(genuine + 'A'.repeat(i * 10)); // oversized
      else cases.push(`Fe26.2*1*${randomBytes(i % 200).toString('base64url')}*${'x'.repeat(i % 50)}~2`);
    }
    let authenticated = 0;
    for (const value of cases) {
      if (value === genuine) continue;
      const result = await sealer.unsealSessionToken(value, now);
      if (result.ok) authenticated++;
    }
    expect(authenticated).toBe(0);
  });
});
