-- ADR 018: decaying, bounded sign-in throttle; nonces in their own table; the dead User lock columns dropped.
-- AlterTable
ALTER TABLE "LoginThrottle" ADD COLUMN     "codeFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lockCycles" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "needsUnlock" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "refused" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" DROP COLUMN "failedLoginCount",
DROP COLUMN "lockedUntil";

-- CreateTable
CREATE TABLE "PendingLoginNonce" (
    "nonce" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingLoginNonce_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "PendingLoginNonce_expiresAt_idx" ON "PendingLoginNonce"("expiresAt");

-- CreateIndex
CREATE INDEX "LoginThrottle_windowStartedAt_idx" ON "LoginThrottle"("windowStartedAt");


-- Used pending-login nonces move out of LoginThrottle into their own table
-- (still-unexpired ones included, so no completed pending login becomes usable again).
INSERT INTO "PendingLoginNonce" ("nonce", "expiresAt")
SELECT substr("key", 15), COALESCE("lockedUntil", "windowStartedAt") FROM "LoginThrottle" WHERE "key" LIKE 'pending-login:%';
DELETE FROM "LoginThrottle" WHERE "key" LIKE 'pending-login:%';

