import { describe, expect, it } from 'vitest';
import { classifyStatement, createStatementCounter, isSessionWrite } from './statements';

describe('classifyStatement', () => {
  it('tells reads from writes in the SQL Prisma sends on both providers', () => {
    expect(classifyStatement('SELECT `main`.`Session`.`id` FROM `main`.`Session`')).toBe('read');
    expect(classifyStatement('  WITH c AS (SELECT 1) SELECT * FROM c')).toBe('read');
    expect(classifyStatement('UPDATE "public"."Session" SET "lastSeenAt" = $1')).toBe('write');
    expect(classifyStatement('INSERT INTO `main`.`AuditEvent` (`id`) VALUES (?)')).toBe('write');
    expect(classifyStatement('BEGIN')).toBe('other');
  });

  it('reads the verb after leading comments (statements marked for preparing)', () => {
    expect(classifyStatement('/* prepare: session_read */\n    SELECT s."id" FROM "Session" s')).toBe('read');
    expect(classifyStatement('/* a */ /* b */ UPDATE "Session" SET "x" = $1')).toBe('write');
  });

  it('recognises writes to the session table, not to tables whose names merely start with Session', () => {
    expect(isSessionWrite('UPDATE `main`.`Session` SET `lastSeenAt` = ?')).toBe(true);
    expect(isSessionWrite('UPDATE "public"."Session" SET "lastSeenAt" = $1')).toBe(true);
    expect(isSessionWrite('UPDATE "public"."SessionArchive" SET "x" = $1')).toBe(false);
    expect(isSessionWrite('SELECT * FROM "Session"')).toBe(false);
  });

  it('counts until reset', () => {
    const counter = createStatementCounter();
    counter.onQuery('SELECT 1');
    counter.onQuery('UPDATE "Session" SET "lastSeenAt" = $1');
    expect(counter.counts()).toEqual({ read: 1, write: 1, other: 0, sessionWrites: 1 });
    counter.reset();
    expect(counter.counts()).toEqual({ read: 0, write: 0, other: 0, sessionWrites: 0 });
  });
});
