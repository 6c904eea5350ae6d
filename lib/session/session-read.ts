// The hot path's one database read: a session row and its owner's display
// fields in a single statement. Prisma's `include` sends two statements (one
// per table; its relationJoins preview joins on PostgreSQL only, and would
// change every include in the app), so this is a raw query — the same portable
// SQL on SQLite and PostgreSQL, parameters bound by Prisma, values typed by
// the driver adapters. Why raw here and nowhere else: ADR 023.
// session-read.test.ts keeps it equal to what findUnique returns.
import { Prisma, type Db, type Session } from '../db/client';

/** The owner's fields every authenticated request needs, loaded with the session in one statement. */
/** `hasPasskey`: a usable (not suspended) passkey is a second factor too, like TOTP (ADR 022, 032). `disabledAt`: an operator disabled the account (ADR 044). */
export type SessionOwner = { id: string; email: string; name: string; totpEnabledAt: Date | null; hasPasskey: boolean; disabledAt: Date | null };

// EXISTS comes back as 0/1 from SQLite, a boolean from PostgreSQL.
type Row = Session & { ownerEmail: string; ownerName: string; ownerTotpEnabledAt: Date | null; ownerHasPasskey: boolean | number | bigint; ownerDisabledAt: Date | null };

// The session's columns by name, from the model (not `s.*`): a prepared statement's
// result shape is fixed when it is planned, so a column added by a migration
// while instances run must not change what this statement returns.
const SESSION_COLUMNS = Prisma.raw(Object.values(Prisma.SessionScalarFieldEnum).map((column) => `s."${column}"`).join(', '));

export async function findSessionWithOwner(db: Db, sessionId: string): Promise<{ session: Session; owner: SessionOwner } | null> {
  // The inner join also says "no owner, no session" (rows cascade with their user anyway).
  // Marked: PostgreSQL plans it once per connection (lib/db/prepared-statements.ts).
  const rows = await db.$queryRaw<Row[]>`/* prepare: session_read */
    SELECT ${SESSION_COLUMNS}, u."email" AS "ownerEmail", u."name" AS "ownerName", u."totpEnabledAt" AS "ownerTotpEnabledAt", u."disabledAt" AS "ownerDisabledAt",
      EXISTS (SELECT 1 FROM "Passkey" p WHERE p."userId" = u."id" AND p."suspendedAt" IS NULL) AS "ownerHasPasskey"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId}`;
  const row = rows[0];
  if (!row) return null;
  const { ownerEmail, ownerName, ownerTotpEnabledAt, ownerHasPasskey, ownerDisabledAt, ...session } = row;
  return {
    session,
    owner: { id: session.userId, email: ownerEmail, name: ownerName, totpEnabledAt: ownerTotpEnabledAt, hasPasskey: Boolean(Number(ownerHasPasskey)), disabledAt: ownerDisabledAt },
  };
}
