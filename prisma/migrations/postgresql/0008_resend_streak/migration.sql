-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "resendStreak" INTEGER NOT NULL DEFAULT 0;
