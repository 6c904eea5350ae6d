-- ADR 018: decaying, bounded sign-in throttle; nonces in their own table; the dead User lock columns dropped.
-- CreateTable
CREATE TABLE "PendingLoginNonce" (
    "nonce" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStartedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lockCycles" INTEGER NOT NULL DEFAULT 0,
    "needsUnlock" BOOLEAN NOT NULL DEFAULT false,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "codeFailures" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_LoginThrottle" ("failures", "key", "lockedUntil", "updatedAt", "windowStartedAt") SELECT "failures", "key", "lockedUntil", "updatedAt", "windowStartedAt" FROM "LoginThrottle";
DROP TABLE "LoginThrottle";
ALTER TABLE "new_LoginThrottle" RENAME TO "LoginThrottle";
CREATE INDEX "LoginThrottle_windowStartedAt_idx" ON "LoginThrottle"("windowStartedAt");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "totpSecret" TEXT,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "email", "id", "name", "passwordChangedAt", "passwordHash", "totpEnabledAt", "totpLastStep", "totpSecret", "updatedAt") SELECT "createdAt", "email", "id", "name", "passwordChangedAt", "passwordHash", "totpEnabledAt", "totpLastStep", "totpSecret", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PendingLoginNonce_expiresAt_idx" ON "PendingLoginNonce"("expiresAt");


-- Used pending-login nonces move out of LoginThrottle into their own table
-- (still-unexpired ones included, so no completed pending login becomes usable again).
INSERT INTO "PendingLoginNonce" ("nonce", "expiresAt")
SELECT substr("key", 15), COALESCE("lockedUntil", "windowStartedAt") FROM "LoginThrottle" WHERE "key" LIKE 'pending-login:%';
DELETE FROM "LoginThrottle" WHERE "key" LIKE 'pending-login:%';

