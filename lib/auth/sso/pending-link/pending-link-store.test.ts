// Pending SSO links against a real database (docs/decisions/032-sso-links-and-anonymous-writes.md):
// bound to the matched user and the browser's token, short-lived, only a hash
// stored; a sign-in only arms one, and only the arming session's confirmation links.
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import {
  armPendingSsoLink,
  confirmPendingSsoLink,
  createPendingSsoLink,
  deletePendingSsoLink,
  findArmedSsoLink,
  findPendingSsoLink,
  PENDING_SSO_LINK_TTL_MS,
} from './pending-link-store';

const db = getTestDb();
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
const issuer = 'https://login.example.com';
// An identity-provider account that holds alice's (verified) address but is not alice's to link.
const impostor = { issuer, subject: 'eve-sub', email: 'alice@example.com', name: 'Eve' };

async function createUser(email: string) {
  return db.user.create({ data: { email, name: email.split('@')[0]!, passwordHash: 'x' } });
}

beforeEach(resetTestDb);

describe('pending SSO links', () => {
  it("stores only a hash of the browser's token, and expires within minutes", async () => {
    const alice = await createUser('alice@example.com');
    const now = new Date('2026-01-01T10:00:00Z');
    const token = await createPendingSsoLink({ userId: alice.id, identity: impostor }, now);
    const row = await db.pendingSsoLink.findFirstOrThrow();
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(10 * 60_000);
    expect(await findPendingSsoLink(token, now)).toMatchObject({ userId: alice.id, email: 'alice@example.com', name: 'Eve', subject: 'eve-sub' });
    expect(await findPendingSsoLink(token, new Date(now.getTime() + PENDING_SSO_LINK_TTL_MS))).toBeUndefined();
    expect(await findPendingSsoLink('not-a-token', now)).toBeUndefined();
    expect(await findPendingSsoLink(undefined, now)).toBeUndefined();
  });

  it("the owner's password sign-in links nothing: it only arms the link for the session it created", async () => {
    const alice = await createUser('alice@example.com');
    const token = await createPendingSsoLink({ userId: alice.id, identity: impostor });
    expect(await armPendingSsoLink({ token, userId: alice.id, primary: 'password', sessionId: 's-alice' })).toEqual({
      status: 'awaiting-confirmation',
    });
    expect(await db.externalIdentity.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'sso.linked' } })).toBe(0);
    expect(await findArmedSsoLink({ token, userId: alice.id, sessionId: 's-alice' })).toMatchObject({ subject: 'eve-sub' });
    // Another session of alice's (a copied cookie, another tab's older session) cannot confirm it.
    expect(await findArmedSsoLink({ token, userId: alice.id, sessionId: 's-thief' })).toBeUndefined();
    expect(await confirmPendingSsoLink({ token, userId: alice.id, sessionId: 's-thief', context })).toEqual({ status: 'none' });
    expect(await db.externalIdentity.count()).toBe(0);
  });

  it('the button in the arming session links once, with the provider-side name, and audits the subject', async () => {
    const alice = await createUser('alice@example.com');
    const token = await createPendingSsoLink({ userId: alice.id, identity: impostor });
    await armPendingSsoLink({ token, userId: alice.id, primary: 'password', sessionId: 's-alice' });
    const outcomes = await Promise.all([
      confirmPendingSsoLink({ token, userId: alice.id, sessionId: 's-alice', context }),
      confirmPendingSsoLink({ token, userId: alice.id, sessionId: 's-alice', context }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['linked', 'none']);
    expect(await db.externalIdentity.findMany({ select: { userId: true, subject: true, email: true, name: true } })).toEqual([
      { userId: alice.id, subject: 'eve-sub', email: 'alice@example.com', name: 'Eve' },
    ]);
    const linked = await db.auditEvent.findFirstOrThrow({ where: { type: 'sso.linked' } });
    expect(JSON.parse(linked.detail!)).toMatchObject({ issuer, subject: 'eve-sub', confirmedBy: 'password', confirmation: 'button' });
    expect(await db.pendingSsoLink.count()).toBe(0);
  });

  it('an unarmed link cannot be confirmed, not even by a session of the matched user', async () => {
    const alice = await createUser('alice@example.com');
    const token = await createPendingSsoLink({ userId: alice.id, identity: impostor });
    expect(await confirmPendingSsoLink({ token, userId: alice.id, sessionId: 's-alice', context })).toEqual({ status: 'none' });
    expect(await db.externalIdentity.count()).toBe(0);
  });

  it("is dropped by someone else's sign-in, which cannot arm it for their account", async () => {
    const alice = await createUser('alice@example.com');
    const bob = await createUser('bob@example.com');
    const token = await createPendingSsoLink({ userId: alice.id, identity: impostor });
    expect(await armPendingSsoLink({ token, userId: bob.id, primary: 'password', sessionId: 's-bob' })).toEqual({
      status: 'discarded',
      reason: 'other-user',
    });
    expect(await db.pendingSsoLink.count()).toBe(0);
    expect(await armPendingSsoLink({ token, userId: alice.id, primary: 'password', sessionId: 's-alice' })).toEqual({ status: 'none' });
    expect(await db.externalIdentity.count()).toBe(0);
  });

  it('is dropped by an SSO sign-in of the matched user: only the password arms it', async () => {
    const alice = await createUser('alice@example.com');
    const token = await createPendingSsoLink({ userId: alice.id, identity: impostor });
    expect(await armPendingSsoLink({ token, userId: alice.id, primary: 'sso', sessionId: 's-alice' })).toEqual({
      status: 'discarded',
      reason: 'not-password',
    });
    expect(await db.pendingSsoLink.count()).toBe(0);
  });

  it('does nothing for an expired pending link, or one already cancelled', async () => {
    const alice = await createUser('alice@example.com');
    const then = new Date(Date.now() - PENDING_SSO_LINK_TTL_MS - 1000);
    const expired = await createPendingSsoLink({ userId: alice.id, identity: impostor }, then);
    expect(await armPendingSsoLink({ token: expired, userId: alice.id, primary: 'password', sessionId: 's' })).toEqual({ status: 'none' });

    const cancelled = await createPendingSsoLink({ userId: alice.id, identity: impostor });
    await armPendingSsoLink({ token: cancelled, userId: alice.id, primary: 'password', sessionId: 's' });
    expect(await deletePendingSsoLink(cancelled)).toBe(true);
    expect(await confirmPendingSsoLink({ token: cancelled, userId: alice.id, sessionId: 's', context })).toEqual({ status: 'none' });
    expect(await db.externalIdentity.count()).toBe(0);
  });

  it('drops expired rows when a new one is created', async () => {
    const alice = await createUser('alice@example.com');
    await createPendingSsoLink({ userId: alice.id, identity: impostor }, new Date(Date.now() - PENDING_SSO_LINK_TTL_MS - 1000));
    await createPendingSsoLink({ userId: alice.id, identity: impostor });
    expect(await db.pendingSsoLink.count()).toBe(1);
  });
});
