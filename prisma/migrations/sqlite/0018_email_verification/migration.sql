-- Email verification (sign-up and invitations; ADR 045): when the owner proved the mailbox.
-- Every account that exists before this migration counts as verified (an operator or the seed made it).
-- AlterTable
ALTER TABLE "User" ADD COLUMN "emailVerifiedAt" DATETIME;

-- Backfill
UPDATE "User" SET "emailVerifiedAt" = "createdAt" WHERE "emailVerifiedAt" IS NULL;
