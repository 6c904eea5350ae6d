
-- AlterTable
ALTER TABLE "Session" DROP COLUMN "previousValidUntil",
DROP COLUMN "secretConfirmed",
ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rotationNonce" TEXT,
ADD COLUMN     "secretConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "secretResentAt" TIMESTAMP(3);

