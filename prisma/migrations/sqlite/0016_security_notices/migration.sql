-- Security notices by mail (ADR 047): when each kind was last mailed to a user, so at most one per kind per window.
-- CreateTable
CREATE TABLE "SecurityNotice" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "kind"),
    CONSTRAINT "SecurityNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
