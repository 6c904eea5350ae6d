// CREATE / DROP DATABASE on a PostgreSQL server, for per-worker test databases.
import pg from 'pg';

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export async function withPgClient<T>(url: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

/** Drops `name` (disconnecting its users) and creates it afresh, optionally as a copy of `template`. */
export async function recreateDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    const create = `CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}` : ''}`;
    // Two workers copying one template at the same moment can briefly collide; retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(create);
        return;
      } catch (error) {
        if (attempt >= 5 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  });
}

/** Drops every database whose name starts with `prefix`. */
export async function dropDatabasesWithPrefix(adminUrl: string, prefix: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
  });
}
