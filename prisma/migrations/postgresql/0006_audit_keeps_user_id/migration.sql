-- Audit events outlive their user: userId stays a plain indexed column (no foreign key, no SET NULL).
-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_userId_fkey";

