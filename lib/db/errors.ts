// Prisma error codes that callers react to (the rest propagate): the database's own vocabulary, so it lives with the client.

/** A unique index refused the write (e.g. a second transfer with the same idempotency key). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}

/** PostgreSQL gave up a SERIALIZABLE transaction because of a concurrent one (40001): safe to retry. */
export function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { kind?: unknown }; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null;
  return (
    e?.code === 'P2034' ||
    e?.cause?.kind === 'TransactionWriteConflict' ||
    e?.meta?.driverAdapterError?.cause?.kind === 'TransactionWriteConflict'
  );
}
