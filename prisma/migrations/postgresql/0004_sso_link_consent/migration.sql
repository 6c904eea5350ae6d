-- CreateTable
CREATE TABLE "PendingSsoLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingSsoLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingSsoLink_tokenHash_key" ON "PendingSsoLink"("tokenHash");

-- CreateIndex
CREATE INDEX "PendingSsoLink_userId_idx" ON "PendingSsoLink"("userId");

-- CreateIndex
CREATE INDEX "PendingSsoLink_expiresAt_idx" ON "PendingSsoLink"("expiresAt");

-- AddForeignKey
ALTER TABLE "PendingSsoLink" ADD CONSTRAINT "PendingSsoLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
