-- SSO links name the identity and need an explicit confirmation. ADR 032.
-- AlterTable
ALTER TABLE "ExternalIdentity" ADD COLUMN "name" TEXT;

-- AlterTable
ALTER TABLE "PendingSsoLink" ADD COLUMN "name" TEXT;
ALTER TABLE "PendingSsoLink" ADD COLUMN "sessionId" TEXT;
