-- AlterTable
ALTER TABLE "Transfer" ADD COLUMN     "scaExemption" TEXT;

-- CreateTable
CREATE TABLE "TransferAuthorisation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "fromAccountId" TEXT NOT NULL,
    "toAccountId" TEXT,
    "payeeId" TEXT,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "authorisedAt" TIMESTAMP(3),
    "method" TEXT,
    "usedAt" TIMESTAMP(3),
    "transferId" TEXT,

    CONSTRAINT "TransferAuthorisation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TransferAuthorisation_transferId_key" ON "TransferAuthorisation"("transferId");

-- CreateIndex
CREATE INDEX "TransferAuthorisation_userId_idempotencyKey_idx" ON "TransferAuthorisation"("userId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "TransferAuthorisation_expiresAt_idx" ON "TransferAuthorisation"("expiresAt");

-- CreateIndex
CREATE INDEX "Transfer_userId_scaExemption_createdAt_idx" ON "Transfer"("userId", "scaExemption", "createdAt");

-- AddForeignKey
ALTER TABLE "TransferAuthorisation" ADD CONSTRAINT "TransferAuthorisation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferAuthorisation" ADD CONSTRAINT "TransferAuthorisation_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "Transfer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

