import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { purgeSessions } from './purge';
import type { SessionPolicy } from './policy';

const minute = 60_000;
const policy: SessionPolicy = {
  idleTimeoutMs: 15 * minute,
  absoluteTimeoutMs: 12 * 60 * minute,
  rotationIntervalMs: 5 * minute,
  rotationGraceMs: 30_000,
  touchIntervalMs: minute,
  freshAuthWindowMs: 5 * minute,
  retentionMs: 60 * minute,
  purgeIntervalMs: 60 * minute,
  maxSessionsPerUser: 10,
};
const now = new Date('2026-06-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const db = getTestDb();

beforeEach(resetTestDb);

describe('purgeSessions', () => {
  it('deletes only sessions that are dead and past retention, in batches', async () => {
    const user = await db.user.create({ data: { email: 'p@example.com', name: 'P', passwordHash: 'x' } });
    const row = (id: string, data: Partial<{ createdAt: Date; lastSeenAt: Date; revokedAt: Date }>) => ({
      id, secretHash: 'h', userId: user.id, createdAt: data.createdAt ?? ago(minute), lastSeenAt: data.lastSeenAt ?? ago(minute), revokedAt: data.revokedAt ?? null,
    });
    await db.session.createMany({
      data: [
        row('live-session-0000000', {}),
        row('revoked-recently-000', { revokedAt: ago(10 * minute) }),
        ...Array.from({ length: 7 }, (_, i) => row(`revoked-long-ago-00${i}`, { revokedAt: ago(2 * 60 * minute) })),
        row('idle-long-ago-000000', { lastSeenAt: ago(16 * minute + 61 * minute) }),
        row('idle-recently-000000', { lastSeenAt: ago(16 * minute) }),
        row('too-old-00000000000', { createdAt: ago(12 * 60 * minute + 61 * minute), lastSeenAt: ago(minute) }),
      ],
    });
    const deleted = await purgeSessions(db, policy, { now, batchSize: 3 });
    expect(deleted).toBe(9);
    const left = (await db.session.findMany({ select: { id: true } })).map((s) => s.id).sort();
    expect(left).toEqual(['idle-recently-000000', 'live-session-0000000', 'revoked-recently-000']);
  });
});
