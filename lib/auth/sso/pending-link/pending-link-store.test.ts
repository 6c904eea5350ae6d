// Pending SSO links against a real database (docs/decisions/020-sso-link-consent.md):
// bound to the matched user, single use, short-lived, only a hash stored.
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import {
  consumePendingSsoLink,
  createPendingSsoLink,
  deletePendingSsoLink,
  findPendingSsoLink,
  PENDING_SSO_LINK_TTL_MS,
} from './pending-link-store';

const db = getTestDb();
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
const issuer = 'https://login.example.com';
// An identity-provider account that holds alice's (verified) address but is not alice's to link.
const impostor = { issuer, subject: 'eve-sub', email: 'alice@example.com' };

async function createUser(email: string) {
  return db.user.create({ data: { email, name: email.split('@')[0]!, passwordHash: 'x' } });
}

beforeEach(resetTestDb);

describe('pending SSO links', () => {
  it('stores only a hash of the browser\'s token, and expires with its TTL', async () => {
    const alice = await createUser('alice@example.com');
    const now = new Date('2026-01-01T10:00:00Z');
    const token = await createPendingSsoLink(db, { userId: alice.id, identity: impostor }, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db.pendingSsoLink.findMany();
    expect(row).toMatchObject({ userId: alice.id, subject: 'eve-sub', tokenHash: createHash('sha256').update(token).digest('hex') });
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await findPendingSsoLink(db, token, now)).toMatchObject({ userId: alice.id, email: 'alice@example.com' });
    expect(await findPendingSsoLink(db, token, new Date(now.getTime() + PENDING_SSO_LINK_TTL_MS))).toBeUndefined();
    expect(await findPendingSsoLink(db, 'not-a-token', now)).toBeUndefined();
    expect(await findPendingSsoLink(db, undefined, now)).toBeUndefined();
  });

  it('links only when the matched user completes a password sign-in, and only once', async () => {
    const alice = await createUser('alice@example.com');
    const token = await createPendingSsoLink(db, { userId: alice.id, identity: impostor });
    const outcome = await consumePendingSsoLink(db, { token, userId: alice.id, primary: 'password', context });
    expect(outcome).toEqual({ status: 'linked', issuer });
    expect(await db.externalIdentity.findMany()).toMatchObject([{ userId: alice.id, subject: 'eve-sub' }]);
    expect(await db.pendingSsoLink.count()).toBe(0);

    // The same token again (a replayed cookie) does nothing, even after an unlink.
    await db.externalIdentity.deleteMany();
    expect(await consumePendingSsoLink(db, { token, userId: alice.id, primary: 'password', context })).toEqual({ status: 'none' });
    expect(await db.externalIdentity.count()).toBe(0);
  });

  it('never links the identity to a different account that signs in with the pending link present', async () => {
    const alice = await createUser('alice@example.com');
    const bob = await createUser('bob@example.com');
    const token = await createPendingSsoLink(db, { userId: alice.id, identity: impostor });
    const outcome = await consumePendingSsoLink(db, { token, userId: bob.id, primary: 'password', context });
    expect(outcome).toEqual({ status: 'discarded', reason: 'other-user' });
    expect(await db.externalIdentity.count()).toBe(0);
    // …and the pending link is gone, so alice signing in later in that browser links nothing either.
    expect(await consumePendingSsoLink(db, { token, userId: alice.id, primary: 'password', context })).toEqual({ status: 'none' });
    expect(await db.externalIdentity.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'sso.linked' } })).toBe(0);
  });

  it('does not count an SSO sign-in as consent', async () => {
    const alice = await createUser('alice@example.com');
    const token = await createPendingSsoLink(db, { userId: alice.id, identity: impostor });
    expect(await consumePendingSsoLink(db, { token, userId: alice.id, primary: 'sso', context })).toEqual({
      status: 'discarded',
      reason: 'not-password',
    });
    expect(await db.externalIdentity.count()).toBe(0);
  });

  it('does nothing for an expired pending link, or one already cancelled', async () => {
    const alice = await createUser('alice@example.com');
    const then = new Date(Date.now() - PENDING_SSO_LINK_TTL_MS - 1000);
    const expired = await createPendingSsoLink(db, { userId: alice.id, identity: impostor }, then);
    expect(await consumePendingSsoLink(db, { token: expired, userId: alice.id, primary: 'password', context })).toEqual({ status: 'none' });

    const cancelled = await createPendingSsoLink(db, { userId: alice.id, identity: impostor });
    expect(await deletePendingSsoLink(db, cancelled)).toBe(true);
    expect(await consumePendingSsoLink(db, { token: cancelled, userId: alice.id, primary: 'password', context })).toEqual({ status: 'none' });
    expect(await db.externalIdentity.count()).toBe(0);
  });

  it('completes once when two sign-ins finish at the same moment', async () => {
    const alice = await createUser('alice@example.com');
    const token = await createPendingSsoLink(db, { userId: alice.id, identity: impostor });
    const outcomes = await Promise.all([
      consumePendingSsoLink(db, { token, userId: alice.id, primary: 'password', context }),
      consumePendingSsoLink(db, { token, userId: alice.id, primary: 'password', context }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['linked', 'none']);
    expect(await db.auditEvent.count({ where: { type: 'sso.linked' } })).toBe(1);
  });

  it('drops expired rows when a new one is created', async () => {
    const alice = await createUser('alice@example.com');
    await createPendingSsoLink(db, { userId: alice.id, identity: impostor }, new Date(Date.now() - PENDING_SSO_LINK_TTL_MS - 1000));
    await createPendingSsoLink(db, { userId: alice.id, identity: impostor });
    expect(await db.pendingSsoLink.count()).toBe(1);
  });
});
