// Chooses the schema engine the Prisma CLI runs. Placeholder until the
// Wasm-backed engine lands: see docs/decisions/003-offline-schema-engine.md.
export function selectSchemaEngine(): void {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/true';
}
