import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveDatabase } from '../config/database-url';
import { createDbClient } from './client';
import { cacheStatements } from './sqlite-statement-cache';

function countCompiles(database: Database.Database) {
  const compiled: string[] = [];
  const prepare = database.prepare.bind(database);
  database.prepare = ((sql: string) => {
    compiled.push(sql);
    return prepare(sql);
  }) as typeof database.prepare;
  return compiled;
}

describe('cacheStatements (one connection)', () => {
  it('compiles a statement once, and binds each call’s own parameters', () => {
    const database = new Database(':memory:');
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    const compiled = countCompiles(database);
    const connection = cacheStatements(database);

    for (const [id, name] of [[1, 'a'], [2, 'b'], [3, 'c']] as const) connection.prepare('INSERT INTO t VALUES (?, ?)').bind([id, name]).run();
    const select = (id: number) => connection.prepare('SELECT name FROM t WHERE id = ?').bind([id]);
    expect(select(2).reader).toBe(true);
    expect(select(2).columns().map((column) => column.name)).toEqual(['name']);
    expect(select(2).raw().all()).toEqual([['b']]);
    expect(select(3).raw().all()).toEqual([['c']]);
    expect(select(9).raw().all()).toEqual([]);
    expect(compiled).toEqual(['INSERT INTO t VALUES (?, ?)', 'SELECT name FROM t WHERE id = ?']);
  });

  it('keeps at most `limit` statements, dropping the least recently used', () => {
    const database = new Database(':memory:');
    const compiled = countCompiles(database);
    const connection = cacheStatements(database, 2);
    for (const sql of ['SELECT 1', 'SELECT 2', 'SELECT 1', 'SELECT 3', 'SELECT 1', 'SELECT 2']) connection.prepare(sql).bind([]).raw().all();
    // SELECT 2 was the least recently used when SELECT 3 arrived, so it is compiled again.
    expect(compiled).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2']);
  });
});

describe.runIf(resolveDatabase(process.env.DATABASE_URL).provider === 'sqlite')('the app’s Prisma client on SQLite', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('compiles a repeated query once — the cache is in place behind Prisma’s adapter (fails if an upgrade moves it)', async () => {
    // Spy before the client connects (it connects on its first query).
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    const db = createDbClient(process.env.DATABASE_URL);
    try {
      const emails = [];
      for (let i = 0; i < 5; i++) emails.push(await db.user.findMany({ where: { email: `nobody-${i}@example.com` }, select: { id: true } }));
      expect(emails).toEqual([[], [], [], [], []]);
      const userQueries = prepare.mock.calls.filter(([sql]) => /FROM [`"]?(?:main[`"]?\.)?[`"]?User[`"]?/.test(sql));
      expect(userQueries).toHaveLength(1);
    } finally {
      await db.$disconnect();
    }
  });

  it('gives the same rows, types and write results as before', async () => {
    const db = createDbClient(process.env.DATABASE_URL);
    try {
      const user = await db.user.create({ data: { email: 'cache@example.com', name: 'Cache', passwordHash: 'x', totpEnabledAt: new Date('2026-01-01T00:00:00.000Z') } });
      const again = await db.user.findUniqueOrThrow({ where: { email: 'cache@example.com' } });
      expect(again).toStrictEqual(user);
      expect((await db.user.updateMany({ where: { id: user.id }, data: { name: 'Cached' } })).count).toBe(1);
      expect((await db.user.updateMany({ where: { id: user.id }, data: { name: 'Cached' } })).count).toBe(1);
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Cached');
      await db.$transaction([db.user.delete({ where: { id: user.id } })]);
      expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();
    } finally {
      await db.$disconnect();
    }
  });
});
