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

/** The rotation columns, with times as epoch ms (null when unset). */
export type RotationState = {
  rotatedAt: number;
  secretConfirmedAt: number | null;
  secretResentAt: number | null;
  revokedAt: number | null;
  revokedReason: string | null;
};

const epochMs = (value: unknown): number | null => (value === null || value === undefined ? null : typeof value === 'number' ? value : Date.parse(String(value)));

export function findRotationState(db: Database.Database, id: string): RotationState {
  const row = db.prepare('SELECT rotatedAt, secretConfirmedAt, secretResentAt, revokedAt, revokedReason FROM Session WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no session ${id}`);
  return {
    rotatedAt: epochMs(row.rotatedAt)!,
    secretConfirmedAt: epochMs(row.secretConfirmedAt),
    secretResentAt: epochMs(row.secretResentAt),
    revokedAt: epochMs(row.revokedAt),
    revokedReason: row.revokedReason as string | null,
  };
}

/** The parsed `detail` of each audit event of this type for one session. */
export function auditDetails(db: Database.Database, type: string, sessionId: string): Record<string, unknown>[] {
  const rows = db.prepare('SELECT detail FROM AuditEvent WHERE type = ? AND sessionId = ?').all(type, sessionId) as { detail: string | null }[];
  return rows.map((row) => (row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {}));
}
