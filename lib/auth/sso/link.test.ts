// The linking rules, against a real database (docs/decisions/012-sso-with-next-auth.md,
// amended by 020-sso-link-consent.md: no link is ever made from an email match alone).
// Making the link itself: lib/dal/sso-links.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import type { SsoIdentity } from './identity';
import { createSsoLink } from '@/lib/dal/sso-links';
import { resolveSsoIdentity } from './link';

const db = getTestDb();
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
const issuer = 'https://login.example.com';

const identity = (overrides: Partial<SsoIdentity> = {}): SsoIdentity => ({
  issuer,
  subject: 'alice-sub',
  email: 'alice@example.com',
  emailVerified: true,
  name: 'Alice at the provider',
  ...overrides,
});

async function createUser(email: string, totp = false) {
  return db.user.create({
    data: { email, name: email.split('@')[0]!, passwordHash: 'x', ...(totp ? { totpSecret: 'enc', totpEnabledAt: new Date() } : {}) },
  });
}

const auditTypes = async () => (await db.auditEvent.findMany({ orderBy: { createdAt: 'asc' } })).map((e) => e.type);

beforeEach(resetTestDb);

describe('resolveSsoIdentity', () => {
  it('does not link a verified email by itself: it asks for the owner\'s consent, signs nobody in, links nothing', async () => {
    const alice = await createUser('alice@example.com');
    const result = await resolveSsoIdentity(identity(), context);
    expect(result).toEqual({ status: 'consent-required', userId: alice.id, email: 'alice@example.com' });
    expect(await db.externalIdentity.count()).toBe(0);
    expect(await auditTypes()).toEqual([]);
  });

  it('asks a TOTP user for consent the same way (the code step comes with the password sign-in)', async () => {
    const bob = await createUser('bob@example.com', true);
    const result = await resolveSsoIdentity(identity({ subject: 'bob-sub', email: 'bob@example.com' }), context);
    expect(result).toEqual({ status: 'consent-required', userId: bob.id, email: 'bob@example.com' });
  });

  it('signs an existing link in, reporting TOTP so the caller sends the user to the code step', async () => {
    const bob = await createUser('bob@example.com', true);
    await createSsoLink(bob.id, identity({ subject: 'bob-sub', email: 'bob@example.com' }), context);
    const again = await resolveSsoIdentity(identity({ subject: 'bob-sub', email: 'bob@example.com' }), context);
    expect(again).toEqual({ status: 'linked', user: { id: bob.id, totpEnabled: true } });
    expect(await db.externalIdentity.count()).toBe(1);
  });

  it('follows the link by issuer + subject even when the email changed or is now unverified', async () => {
    const alice = await createUser('alice@example.com');
    await createSsoLink(alice.id, identity(), context);
    const renamed = await resolveSsoIdentity(identity({ email: 'alice.new@example.com' }), context);
    expect(renamed).toMatchObject({ status: 'linked', user: { id: alice.id } });
    expect((await db.externalIdentity.findFirstOrThrow()).email).toBe('alice.new@example.com');

    const unverified = await resolveSsoIdentity(identity({ email: 'other@example.com', emailVerified: false }), context);
    expect(unverified).toMatchObject({ status: 'linked', user: { id: alice.id } });
    // An unverified address is not recorded as the identity's email.
    expect((await db.externalIdentity.findFirstOrThrow()).email).toBe('alice.new@example.com');
  });

  it('refuses an unverified email, even one that matches a user, and records it against that user', async () => {
    const alice = await createUser('alice@example.com');
    const result = await resolveSsoIdentity(identity({ subject: 'mallory-sub', emailVerified: false }), context);
    expect(result).toEqual({ status: 'refused', reason: 'unverified' });
    expect(await db.externalIdentity.count()).toBe(0);
    const [event] = await db.auditEvent.findMany();
    expect(event).toMatchObject({ type: 'login.failure', userId: alice.id });
    expect(JSON.parse(event!.detail!)).toEqual({ method: 'sso', reason: 'unverified', issuer });
  });

  it('refuses a verified email with no account, and creates none', async () => {
    const result = await resolveSsoIdentity(identity({ subject: 'carol-sub', email: 'carol@example.com' }), context);
    expect(result).toEqual({ status: 'refused', reason: 'no-account' });
    expect(await db.user.count()).toBe(0);
    expect(await db.externalIdentity.count()).toBe(0);
    expect(await db.auditEvent.findMany()).toMatchObject([{ type: 'login.failure', userId: null }]);
  });

  it('refuses an identity without an email', async () => {
    await createUser('alice@example.com');
    expect(await resolveSsoIdentity(identity({ email: null, emailVerified: false }), context)).toEqual({
      status: 'refused',
      reason: 'no-account',
    });
  });

  it('refuses a second subject from the same issuer for an already linked user (recycled address)', async () => {
    const alice = await createUser('alice@example.com');
    await createSsoLink(alice.id, identity(), context);
    const result = await resolveSsoIdentity(identity({ subject: 'someone-else' }), context);
    expect(result).toEqual({ status: 'refused', reason: 'conflict' });
    expect(await db.externalIdentity.count()).toBe(1);
    const failure = await db.auditEvent.findFirstOrThrow({ where: { type: 'login.failure' } });
    expect(failure.userId).toBe(alice.id);
  });
});
