// The peers' bench-only Prisma schema per provider (git-ignored, derived from
// ./models.prisma the way prisma/variants.ts derives the app's), its generated
// client, and the DDL that creates its tables in a benchmark database.
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseProvider } from '../../../lib/config/database-url.ts';
import { providers, renderSchema, writeIfChanged } from '../../../prisma/variants.ts';
import { localBin, projectRoot, runOrFail } from '../../../scripts/lib/process.ts';

const peersDir = import.meta.dirname;
export const peerSchemaPath = (p: DatabaseProvider) => path.join(peersDir, 'variants', p, 'schema.prisma');

export function writePeerSchemas(): void {
  const models = fs.readFileSync(path.join(peersDir, 'models.prisma'), 'utf8');
  for (const p of providers) writeIfChanged(peerSchemaPath(p), renderSchema(p, models, 'tools/bench/peers/models.prisma'));
}

/** `prisma generate` for both providers, into tools/bench/peers/generated/<provider>. */
export async function generatePeerClients(): Promise<void> {
  writePeerSchemas();
  for (const p of providers) await runOrFail(`Generating the peers' Prisma client (${p})`, localBin('prisma'), ['generate', '--schema', peerSchemaPath(p)], { cwd: projectRoot, quiet: true });
}

/** The peers' CREATE TABLE/INDEX statements for `provider`, from Prisma's own diff of an empty database to their schema. */
export function peerTableStatements(provider: DatabaseProvider): string[] {
  const file = path.join(peersDir, 'variants', provider, 'tables.sql');
  return fs
    .readFileSync(file, 'utf8')
    .split(/;\s*$/m)
    .map((s) => s.replace(/^--.*$/gm, '').trim())
    .filter(Boolean);
}

/** Writes variants/<provider>/tables.sql with `prisma migrate diff --from-empty --to-schema … --script`. */
export async function writePeerTableStatements(): Promise<void> {
  writePeerSchemas();
  for (const p of providers) {
    const out = path.join(peersDir, 'variants', p, 'tables.sql');
    await runOrFail(`Deriving the peers' tables (${p})`, localBin('prisma'), ['migrate', 'diff', '--from-empty', '--to-schema', peerSchemaPath(p), '--script', '--output', out], { cwd: projectRoot, quiet: true });
    if (!fs.existsSync(out) || !/CREATE TABLE/.test(fs.readFileSync(out, 'utf8'))) throw new Error(`prisma migrate diff wrote no CREATE TABLE to ${out} — did the schema engine run? (prisma/engine/)`);
  }
}
