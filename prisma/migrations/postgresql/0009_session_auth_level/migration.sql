-- The level a session was authenticated at (ADR 030). Sessions from before are
-- credited with no more than they proved: multi-factor if they passed a second
-- factor, else single-factor.
-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "authLevel" TEXT NOT NULL DEFAULT 'single-factor';
UPDATE "Session" SET "authLevel" = 'multi-factor' WHERE "mfaVerified" = true;
