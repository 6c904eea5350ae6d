// The linking rules, against a real database (docs/decisions/012-sso-with-next-auth.md).
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import type { SsoIdentity } from './identity';
import { linkSsoIdentity } from './link';

const db = getTestDb();
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
const issuer = 'https://login.example.com';

const identity = (overrides: Partial<SsoIdentity> = {}): SsoIdentity => ({
  issuer,
  subject: 'alice-sub',
  email: 'alice@example.com',
  emailVerified: true,
  ...overrides,
});

async function createUser(email: string, totp = false) {
  return db.user.create({
    data: { email, name: email.split('@')[0]!, passwordHash: 'x', ...(totp ? { totpSecret: 'enc', totpEnabledAt: new Date() } : {}) },
  });
}

const auditTypes = async () => (await db.auditEvent.findMany({ orderBy: { createdAt: 'asc' } })).map((e) => e.type);

beforeEach(resetTestDb);

describe('linkSsoIdentity', () => {
  it('links a verified email to its user on first use, and audits sso.linked', async () => {
    const alice = await createUser('alice@example.com');
    const result = await linkSsoIdentity(db, identity(), context);
    expect(result).toEqual({ ok: true, user: { id: alice.id, totpEnabled: false }, link: 'created' });

    const links = await db.externalIdentity.findMany();
    expect(links).toMatchObject([{ issuer, subject: 'alice-sub', userId: alice.id, email: 'alice@example.com' }]);
    const events = await db.auditEvent.findMany({ where: { type: 'sso.linked' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: alice.id, ipAddress: '127.0.0.1', userAgent: 'vitest' });
    expect(JSON.parse(events[0]!.detail!)).toEqual({ issuer, matchedBy: 'verified-email' });
  });

  it('signs an existing link in again without re-linking or auditing a link', async () => {
    const alice = await createUser('alice@example.com');
    await linkSsoIdentity(db, identity(), context);
    const again = await linkSsoIdentity(db, identity(), context);
    expect(again).toEqual({ ok: true, user: { id: alice.id, totpEnabled: false }, link: 'existing' });
    expect(await db.externalIdentity.count()).toBe(1);
    expect(await auditTypes()).toEqual(['sso.linked']);
  });

  it('follows the link by issuer + subject even when the email changed or is now unverified', async () => {
    const alice = await createUser('alice@example.com');
    await linkSsoIdentity(db, identity(), context);
    const renamed = await linkSsoIdentity(db, identity({ email: 'alice.new@example.com' }), context);
    expect(renamed).toMatchObject({ ok: true, user: { id: alice.id }, link: 'existing' });
    expect((await db.externalIdentity.findFirstOrThrow()).email).toBe('alice.new@example.com');

    const unverified = await linkSsoIdentity(db, identity({ email: 'other@example.com', emailVerified: false }), context);
    expect(unverified).toMatchObject({ ok: true, user: { id: alice.id } });
    // An unverified address is not recorded as the identity's email.
    expect((await db.externalIdentity.findFirstOrThrow()).email).toBe('alice.new@example.com');
  });

  it('reports TOTP so the caller sends the user to the code step', async () => {
    const bob = await createUser('bob@example.com', true);
    const result = await linkSsoIdentity(db, identity({ subject: 'bob-sub', email: 'bob@example.com' }), context);
    expect(result).toEqual({ ok: true, user: { id: bob.id, totpEnabled: true }, link: 'created' });
  });

  it('refuses an unverified email, even one that matches a user, and records it against that user', async () => {
    const alice = await createUser('alice@example.com');
    const result = await linkSsoIdentity(db, identity({ subject: 'mallory-sub', emailVerified: false }), context);
    expect(result).toEqual({ ok: false, reason: 'unverified' });
    expect(await db.externalIdentity.count()).toBe(0);
    const [event] = await db.auditEvent.findMany();
    expect(event).toMatchObject({ type: 'login.failure', userId: alice.id });
    expect(JSON.parse(event!.detail!)).toEqual({ method: 'sso', reason: 'unverified', issuer });
  });

  it('refuses a verified email with no account, and creates none', async () => {
    const result = await linkSsoIdentity(db, identity({ subject: 'carol-sub', email: 'carol@example.com' }), context);
    expect(result).toEqual({ ok: false, reason: 'no-account' });
    expect(await db.user.count()).toBe(0);
    expect(await db.externalIdentity.count()).toBe(0);
    expect(await db.auditEvent.findMany()).toMatchObject([{ type: 'login.failure', userId: null }]);
  });

  it('refuses an identity without an email', async () => {
    await createUser('alice@example.com');
    expect(await linkSsoIdentity(db, identity({ email: null, emailVerified: false }), context)).toEqual({ ok: false, reason: 'no-account' });
  });

  it('refuses a second subject from the same issuer for an already linked user (recycled address)', async () => {
    const alice = await createUser('alice@example.com');
    await linkSsoIdentity(db, identity(), context);
    const result = await linkSsoIdentity(db, identity({ subject: 'someone-else' }), context);
    expect(result).toEqual({ ok: false, reason: 'conflict' });
    expect(await db.externalIdentity.count()).toBe(1);
    const failure = await db.auditEvent.findFirstOrThrow({ where: { type: 'login.failure' } });
    expect(failure.userId).toBe(alice.id);
  });

  it('links the same user at another issuer independently', async () => {
    const alice = await createUser('alice@example.com');
    await linkSsoIdentity(db, identity(), context);
    const other = await linkSsoIdentity(db, identity({ issuer: 'https://id.other.example', subject: 'a-1' }), context);
    expect(other).toMatchObject({ ok: true, user: { id: alice.id }, link: 'created' });
    expect(await db.externalIdentity.count()).toBe(2);
  });

  it('survives two callbacks for the same new identity at once: one link, both signed in', async () => {
    const alice = await createUser('alice@example.com');
    const results = await Promise.all([linkSsoIdentity(db, identity(), context), linkSsoIdentity(db, identity(), context)]);
    for (const result of results) expect(result).toMatchObject({ ok: true, user: { id: alice.id } });
    expect(await db.externalIdentity.count()).toBe(1);
  });
});
