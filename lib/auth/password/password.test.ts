import { describe, expect, it } from 'vitest';
import { argon2i, argon2id, hash } from 'argon2';
import {
  PASSWORD_HASH_PARAMS,
  hashPassword,
  primeDummyPasswordHash,
  verifyPassword,
  verifyPasswordAgainstDummy,
} from './password.ts';

const password = 'correct-horse-battery-staple';

describe('hashPassword', () => {
  it('produces an argon2id PHC string with the OWASP parameters', async () => {
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
  });

  it('salts every hash', async () => {
    expect(await hashPassword(password)).not.toBe(await hashPassword(password));
  });
});

describe('verifyPassword', () => {
  it('accepts the right password without asking for a rehash', async () => {
    const stored = await hashPassword(password);
    expect(await verifyPassword(stored, password)).toEqual({ ok: true, needsRehash: false });
  });

  it('rejects a wrong password', async () => {
    const stored = await hashPassword(password);
    expect(await verifyPassword(stored, 'correct-horse-battery-stapler')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await verifyPassword(stored, '')).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('asks for a rehash when the stored hash used weaker parameters', async () => {
    const old = await hash(password, { type: argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword(old, password)).toEqual({ ok: true, needsRehash: true });
  });

  it('asks for a rehash when the stored hash is another Argon2 variant', async () => {
    const old = await hash(password, { ...PASSWORD_HASH_PARAMS, type: argon2i });
    expect(await verifyPassword(old, password)).toEqual({ ok: true, needsRehash: true });
  });

  it('reports a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', password)).toEqual({ ok: false, reason: 'malformed-hash' });
    expect(await verifyPassword('', password)).toEqual({ ok: false, reason: 'malformed-hash' });
  });

  it('treats Unicode-equivalent spellings as the same password (NFKC)', async () => {
    const composed = 'caf\u00e9-passw\u00f6rd';
    const decomposed = 'cafe\u0301-passwo\u0308rd';
    const stored = await hashPassword(composed);
    expect(await verifyPassword(stored, decomposed)).toEqual({ ok: true, needsRehash: false });
  });
});

describe('verifyPasswordAgainstDummy', () => {
  it('never succeeds, whatever the input', async () => {
    for (const guess of [password, '', 'x'.repeat(200)]) {
      expect(await verifyPasswordAgainstDummy(guess)).toEqual({ ok: false, reason: 'mismatch' });
    }
  });

  it('costs about as much as a real verification (no user enumeration by timing)', async () => {
    await primeDummyPasswordHash();
    const stored = await hashPassword(password);
    const elapsed = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    // Interleaved samples and medians, so load from parallel test files hits both alike.
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 7; i++) {
      real.push(await elapsed(() => verifyPassword(stored, 'wrong password')));
      dummy.push(await elapsed(() => verifyPasswordAgainstDummy('wrong password')));
    }
    const median = (samples: number[]) => samples.sort((a, b) => a - b)[3]!;
    // Loose bounds: the regression this guards against (skipping the work) is a ratio near 0.
    expect(median(dummy) / median(real)).toBeGreaterThan(0.4);
    expect(median(dummy) / median(real)).toBeLessThan(2.5);
  });
});
