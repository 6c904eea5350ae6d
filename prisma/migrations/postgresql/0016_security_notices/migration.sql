-- Security notices by mail (ADR 047): when each kind was last mailed to a user, so at most one per kind per window.
-- CreateTable
CREATE TABLE "SecurityNotice" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecurityNotice_pkey" PRIMARY KEY ("userId","kind")
);

-- AddForeignKey
ALTER TABLE "SecurityNotice" ADD CONSTRAINT "SecurityNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
