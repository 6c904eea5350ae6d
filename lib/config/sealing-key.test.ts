import { describe, expect, it } from 'vitest';
import { unsealData } from 'iron-session';
import { testSecret } from '../../test/secrets';
import { createSessionSealer } from '../session/seal';
import { createSessionKeys, currentSealingKeyId, isOlderThanSealingKey, sealingKeyId, onlySealingKey } from './sealing-key';

const old = testSecret('old');
const fresh = testSecret('new');
const rotated = { 2: fresh, 1: old };
const minute = 60_000;
const sealKeyIdOf = (seal: string) => seal.split('*')[1];

describe('sealingKeyId: the key new seals use during a rollout', () => {
  it('is the previous key while the process is younger than the rollout window', () => {
    expect(sealingKeyId(rotated, 0, 15 * minute)).toBe('1');
    expect(sealingKeyId(rotated, 15 * minute - 1, 15 * minute)).toBe('1');
  });

  it('is the newest key once the window has passed', () => {
    expect(sealingKeyId(rotated, 15 * minute, 15 * minute)).toBe('2');
    expect(sealingKeyId(rotated, 24 * 60 * minute, 15 * minute)).toBe('2');
  });

  it('is the newest key at once with a window of 0 (emergency rotation)', () => {
    expect(sealingKeyId(rotated, 0, 0)).toBe('2');
  });

  it('is the only key when there is one, window or not', () => {
    expect(sealingKeyId({ 1: old }, 0, 15 * minute)).toBe('1');
  });

  it('compares ids as numbers, whatever order they are listed in', () => {
    const keys = { 9: old, 10: fresh, 3: testSecret('older') };
    expect(sealingKeyId(keys, 0, minute)).toBe('9');
    expect(sealingKeyId(keys, minute, minute)).toBe('10');
  });

  it('refuses a map without a usable id', () => {
    expect(() => sealingKeyId({}, 0, 0)).toThrow(/no key/);
  });
});

describe('SessionKeys of a running process', () => {
  it('moves from the previous key to the newest as the process ages', () => {
    let age = 0;
    const keys = createSessionKeys(rotated, 20_000, () => age);
    expect(currentSealingKeyId(keys)).toBe('1');
    expect(onlySealingKey(keys)).toEqual({ 1: old });
    age = 20_000;
    expect(currentSealingKeyId(keys)).toBe('2');
    expect(onlySealingKey(keys)).toEqual({ 2: fresh });
  });

  it('a bare map seals under its newest key (scripts such as secrets:reencrypt)', () => {
    expect(currentSealingKeyId(rotated)).toBe('2');
  });

  it('asks for re-sealing only of values older than the sealing key, never back to an older one', () => {
    const young = createSessionKeys(rotated, minute, () => 0);
    expect(isOlderThanSealingKey('2', young)).toBe(false);
    expect(isOlderThanSealingKey('1', young)).toBe(false);
    expect(isOlderThanSealingKey('1', rotated)).toBe(true);
  });
});

describe('session cookies during a rolling restart', () => {
  const token = { id: 'session-id-0123456789', secret: 'x'.repeat(43), generation: 1 };

  it('a restarted instance seals under the key an instance not yet restarted knows, and unseals both', async () => {
    let age = 0;
    const restarted = createSessionSealer({ keys: createSessionKeys(rotated, 20_000, () => age), ttlMs: 60 * minute });
    const notYetRestarted = createSessionSealer({ keys: createSessionKeys({ 1: old }, 20_000, () => 60 * minute), ttlMs: 60 * minute });

    const inWindow = await restarted.sealSessionToken(token, new Date());
    expect(sealKeyIdOf(inWindow)).toBe('1');
    expect(await notYetRestarted.unsealSessionToken(inWindow, new Date())).toMatchObject({ ok: true, token });

    age = 20_000;
    const afterWindow = await restarted.sealSessionToken(token, new Date());
    expect(sealKeyIdOf(afterWindow)).toBe('2');
    await expect(unsealData(afterWindow, { password: { 2: fresh } })).resolves.toMatchObject({ id: token.id });
    // Sealed under key 2, it is only for instances that know key 2 — which they all do after the window.
    expect(await notYetRestarted.unsealSessionToken(afterWindow, new Date())).toEqual({ ok: false, reason: 'unsealable' });
    expect(await restarted.unsealSessionToken(afterWindow, new Date())).toMatchObject({ ok: true });
    expect(await restarted.unsealSessionToken(inWindow, new Date())).toMatchObject({ ok: true });
  });
});
