// Listing, unlinking and linking SSO identities, against a real database
// (docs/decisions/020-sso-link-consent.md).
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { createSsoLink, fetchLinkedIdentities, unlinkUserIdentity } from './sso-links';

const db = getTestDb();
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
const issuer = 'https://login.example.com';
const ARGON2_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

async function createUser(email: string, passwordHash = ARGON2_HASH) {
  return db.user.create({ data: { email, name: email.split('@')[0]!, passwordHash } });
}
const link = (userId: string, subject: string, at = issuer) =>
  db.externalIdentity.create({ data: { userId, issuer: at, subject, email: `${subject}@example.com` } });

beforeEach(resetTestDb);

describe('linked identities', () => {
  it('lists only the user\'s own identities', async () => {
    const alice = await createUser('alice@example.com');
    const bob = await createUser('bob@example.com');
    await link(alice.id, 'alice-sub');
    await link(bob.id, 'bob-sub');
    expect(await fetchLinkedIdentities(alice.id)).toMatchObject([{ issuer, email: 'alice-sub@example.com' }]);
  });

  it('unlinks and audits sso.unlinked against the user', async () => {
    const alice = await createUser('alice@example.com');
    const identity = await link(alice.id, 'alice-sub');
    expect(await unlinkUserIdentity(alice.id, identity.id, context)).toBe('unlinked');
    expect(await db.externalIdentity.count()).toBe(0);
    const [event] = await db.auditEvent.findMany();
    expect(event).toMatchObject({ type: 'sso.unlinked', userId: alice.id, ipAddress: '127.0.0.1' });
    expect(JSON.parse(event!.detail!)).toEqual({ issuer });
  });

  it('treats another user\'s identity, or an unknown id, as not found and changes nothing', async () => {
    const alice = await createUser('alice@example.com');
    const bob = await createUser('bob@example.com');
    const bobs = await link(bob.id, 'bob-sub');
    expect(await unlinkUserIdentity(alice.id, bobs.id, context)).toBe('not-found');
    expect(await unlinkUserIdentity(alice.id, 'nope', context)).toBe('not-found');
    expect(await db.externalIdentity.count()).toBe(1);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('refuses to unlink the last way to sign in to an account without a usable password', async () => {
    const nopass = await createUser('sso-only@example.com', 'x');
    const first = await link(nopass.id, 'one');
    const second = await link(nopass.id, 'two', 'https://id.other.example');
    expect(await unlinkUserIdentity(nopass.id, first.id, context)).toBe('unlinked');
    expect(await unlinkUserIdentity(nopass.id, second.id, context)).toBe('last-sign-in-method');
    expect(await db.externalIdentity.count()).toBe(1);
  });

  it('lets a user with a password unlink their only identity', async () => {
    const alice = await createUser('alice@example.com');
    const only = await link(alice.id, 'alice-sub');
    expect(await unlinkUserIdentity(alice.id, only.id, context)).toBe('unlinked');
  });
});

const ssoIdentity = (overrides: Partial<{ issuer: string; subject: string; email: string | null; name: string | null }> = {}) => ({
  issuer,
  subject: 'alice-sub',
  email: 'alice@example.com',
  name: 'Alice at the provider',
  ...overrides,
});
const auditTypes = async () => (await db.auditEvent.findMany({ orderBy: { createdAt: 'asc' } })).map((e) => e.type);

describe('createSsoLink (after the owner signed in)', () => {
  it('links and audits sso.linked, saying how it was confirmed', async () => {
    const alice = await createUser('alice@example.com');
    expect(await createSsoLink(alice.id, ssoIdentity(), context)).toEqual({ ok: true, link: 'created' });
    expect(await db.externalIdentity.findMany()).toMatchObject([{ issuer, subject: 'alice-sub', userId: alice.id, email: 'alice@example.com' }]);
    const [event] = await db.auditEvent.findMany({ where: { type: 'sso.linked' } });
    expect(event).toMatchObject({ userId: alice.id, ipAddress: '127.0.0.1', userAgent: 'vitest' });
    expect(JSON.parse(event!.detail!)).toEqual({ issuer, subject: 'alice-sub', matchedBy: 'verified-email', confirmedBy: 'password', confirmation: 'button' });
  });

  it('links the same user at another issuer independently', async () => {
    const alice = await createUser('alice@example.com');
    await createSsoLink(alice.id, ssoIdentity(), context);
    expect(await createSsoLink(alice.id, ssoIdentity({ issuer: 'https://id.other.example', subject: 'a-1' }), context)).toEqual({
      ok: true,
      link: 'created',
    });
    expect(await db.externalIdentity.count()).toBe(2);
  });

  it('re-checks the recycled-address rule, and never moves an identity linked to someone else', async () => {
    const alice = await createUser('alice@example.com');
    const bob = await createUser('bob@example.com');
    await createSsoLink(alice.id, ssoIdentity(), context);
    expect(await createSsoLink(alice.id, ssoIdentity({ subject: 'second' }), context)).toEqual({ ok: false, reason: 'conflict' });
    expect(await createSsoLink(bob.id, ssoIdentity(), context)).toEqual({ ok: false, reason: 'conflict' });
    expect(await db.externalIdentity.findMany()).toMatchObject([{ subject: 'alice-sub', userId: alice.id }]);
  });

  it('survives two completions of the same link at once: one link, one sso.linked', async () => {
    const alice = await createUser('alice@example.com');
    const results = await Promise.all([createSsoLink(alice.id, ssoIdentity(), context), createSsoLink(alice.id, ssoIdentity(), context)]);
    for (const result of results) expect(result.ok).toBe(true);
    expect(await db.externalIdentity.count()).toBe(1);
    expect(await auditTypes()).toEqual(['sso.linked']);
  });
});
