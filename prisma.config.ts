// Prisma CLI configuration. The provider follows DATABASE_URL (unset → embedded
// SQLite), and the schema variant for it is derived from prisma/models.prisma on
// every CLI run, so plain `npx prisma …` always works on the current model.
import { defineConfig } from 'prisma/config';
import fs from 'node:fs';
import { resolveDatabase, projectRoot } from './lib/config/database-url.ts';
import { writeSchemaVariants, schemaPath, migrationsPath } from './prisma/variants.ts';
import { selectSchemaEngine } from './prisma/engine/select.ts';

// Prisma 7 no longer reads .env itself; the demo launcher writes one.
if (fs.existsSync(`${projectRoot}/.env`)) process.loadEnvFile(`${projectRoot}/.env`);

const database = resolveDatabase(process.env.DATABASE_URL);
writeSchemaVariants();
selectSchemaEngine();

export default defineConfig({
  schema: schemaPath(database.provider),
  migrations: { path: migrationsPath(database.provider), seed: 'tsx prisma/seed.ts' },
  datasource: { url: database.url },
});
