// Derives the per-provider schemas from the single model in prisma/models.prisma.
// Prisma cannot take the provider from an environment variable, so each provider
// gets a generated schema (prisma/variants/<provider>/schema.prisma, git-ignored)
// and its own committed migrations folder (prisma/migrations/<provider>).
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseProvider } from '../lib/config/database-url.ts';

const prismaDir = import.meta.dirname;
export const providers: DatabaseProvider[] = ['sqlite', 'postgresql'];

export const schemaPath = (p: DatabaseProvider) => path.join(prismaDir, 'variants', p, 'schema.prisma');
export const migrationsPath = (p: DatabaseProvider) => path.join(prismaDir, 'migrations', p);

/** A schema for `provider` around `models`; `source` names the model file, `output` is relative to the schema's folder. */
export function renderSchema(provider: DatabaseProvider, models: string, source = 'prisma/models.prisma', output = `../../generated/${provider}`): string {
  return `// GENERATED from ${source} by prisma/variants.ts — do not edit.

generator client {
  provider = "prisma-client"
  output   = "${output}"
  runtime  = "nodejs"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider}"
}

${models}`;
}

/** Writes both variants; only touches a file whose content changed (keeps watchers calm). */
export function writeSchemaVariants(): void {
  const models = fs.readFileSync(path.join(prismaDir, 'models.prisma'), 'utf8');
  for (const provider of providers) {
    writeIfChanged(schemaPath(provider), renderSchema(provider, models));
  }
}

export function writeIfChanged(file: string, text: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
