import { describe, expect, it } from 'vitest';
import { getTestDb } from '@/test/db';
import { resolveDatabase } from '../config/database-url';
import { databaseClock, localClock, sharedClockFor } from './clock';

const db = getTestDb();
const provider = resolveDatabase(process.env.DATABASE_URL).provider;

describe('the shared clock', () => {
  it('on SQLite is the instance clock (every instance shares the one host)', async () => {
    const local = new Date('2030-01-01T00:00:00Z');
    expect(await localClock(local)).toBe(local);
    if (provider === 'sqlite') expect(await sharedClockFor(db, provider)(local)).toBe(local);
  });

  it.runIf(provider === 'postgresql')('on PostgreSQL is the database server\'s, whatever the instance believes', async () => {
    const wrongLocal = new Date('2001-01-01T00:00:00Z');
    const shared = await databaseClock(db)(wrongLocal);
    expect(Math.abs(shared.getTime() - Date.now())).toBeLessThan(5_000);
    expect(await sharedClockFor(db, provider)(wrongLocal)).not.toEqual(wrongLocal);
  });
});
