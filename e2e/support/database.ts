// Direct access to an e2e server's SQLite database, for assertions an attacker
// cannot make from outside (was the planted session revoked server-side? is
// there an audit event?) and for arranging state (a stale authenticatedAt).
import Database from 'better-sqlite3';
import { e2eDatabaseFile } from './environment.ts';

export function openE2eDatabase(file: string = e2eDatabaseFile): Database.Database {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  return db;
}

export type SessionRow = { id: string; userId: string; revokedAt: unknown; revokedReason: string | null };

export function findSession(db: Database.Database, id: string): SessionRow | undefined {
  return db.prepare('SELECT id, userId, revokedAt, revokedReason FROM Session WHERE id = ?').get(id) as SessionRow | undefined;
}

export function countAuditEvents(db: Database.Database, type: string, sessionId?: string): number {
  const row = sessionId
    ? db.prepare('SELECT COUNT(*) AS n FROM AuditEvent WHERE type = ? AND sessionId = ?').get(type, sessionId)
    : db.prepare('SELECT COUNT(*) AS n FROM AuditEvent WHERE type = ?').get(type);
  return (row as { n: number }).n;
}
