-- A passkey shown to be cloned is suspended. ADR 032.
-- AlterTable
ALTER TABLE "Passkey" ADD COLUMN "suspendedAt" DATETIME;
