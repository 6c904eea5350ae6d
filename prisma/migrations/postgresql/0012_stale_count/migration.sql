-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "staleCount" INTEGER NOT NULL DEFAULT 0;
