-- Email change and account deletion (ADR 046): a change link is bound to the
-- account's address and carries the address it moves to; a deleted account
-- stays as a tombstone row so its audit events keep their user id.
-- AlterTable
ALTER TABLE "EmailToken" ADD COLUMN     "newEmail" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deletedAt" TIMESTAMP(3);
