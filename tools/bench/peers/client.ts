// A Prisma client on the peers' tables, set up as the Prisma docs show for each
// driver adapter — none of the app's own tuning (statement cache, named
// prepared statements, ADR 027): the peers run as a team adopting them would.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { resolveDatabase, sqliteFilePath } from '../../../lib/config/database-url.ts';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.ts';

export type PeerDb = InstanceType<typeof SqliteClient>;

export function createPeerDbClient(databaseUrl: string | undefined, onQuery?: (sql: string) => void): PeerDb {
  const target = resolveDatabase(databaseUrl);
  const log = onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  const client =
    target.provider === 'postgresql'
      ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }), log, errorFormat: 'minimal' }) as unknown as PeerDb)
      : new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(target.url), timeout: 5000 }), log, errorFormat: 'minimal' });
  if (onQuery) (client as unknown as { $on: (event: 'query', cb: (e: { query: string }) => void) => void }).$on('query', (e) => onQuery(e.query));
  return client;
}
