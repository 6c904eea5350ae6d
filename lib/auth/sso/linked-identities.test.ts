// Listing and unlinking SSO identities, against a real database (docs/decisions/020-sso-link-consent.md).
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { listLinkedIdentities, unlinkSsoIdentity } from './linked-identities';

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
    expect(await listLinkedIdentities(db, alice.id)).toMatchObject([{ issuer, email: 'alice-sub@example.com' }]);
  });

  it('unlinks and audits sso.unlinked against the user', async () => {
    const alice = await createUser('alice@example.com');
    const identity = await link(alice.id, 'alice-sub');
    expect(await unlinkSsoIdentity(db, { userId: alice.id, identityId: identity.id, context })).toBe('unlinked');
    expect(await db.externalIdentity.count()).toBe(0);
    const [event] = await db.auditEvent.findMany();
    expect(event).toMatchObject({ type: 'sso.unlinked', userId: alice.id, ipAddress: '127.0.0.1' });
    expect(JSON.parse(event!.detail!)).toEqual({ issuer });
  });

  it('treats another user\'s identity, or an unknown id, as not found and changes nothing', async () => {
    const alice = await createUser('alice@example.com');
    const bob = await createUser('bob@example.com');
    const bobs = await link(bob.id, 'bob-sub');
    expect(await unlinkSsoIdentity(db, { userId: alice.id, identityId: bobs.id, context })).toBe('not-found');
    expect(await unlinkSsoIdentity(db, { userId: alice.id, identityId: 'nope', context })).toBe('not-found');
    expect(await db.externalIdentity.count()).toBe(1);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('refuses to unlink the last way to sign in to an account without a usable password', async () => {
    const nopass = await createUser('sso-only@example.com', 'x');
    const first = await link(nopass.id, 'one');
    const second = await link(nopass.id, 'two', 'https://id.other.example');
    expect(await unlinkSsoIdentity(db, { userId: nopass.id, identityId: first.id, context })).toBe('unlinked');
    expect(await unlinkSsoIdentity(db, { userId: nopass.id, identityId: second.id, context })).toBe('last-sign-in-method');
    expect(await db.externalIdentity.count()).toBe(1);
  });

  it('lets a user with a password unlink their only identity', async () => {
    const alice = await createUser('alice@example.com');
    const only = await link(alice.id, 'alice-sub');
    expect(await unlinkSsoIdentity(db, { userId: alice.id, identityId: only.id, context })).toBe('unlinked');
  });
});
