// Creates a password user in the app's database through Prisma, so it works on
// SQLite and PostgreSQL alike (createThrowawayUser in e2e/auth-helpers.ts writes
// the SQLite file directly). Run with tsx: `tsx e2e/support/create-user.ts <email> <password>`;
// DATABASE_URL names the database. Prints the user's id.
import { hashPassword } from '../../lib/auth/password/index.ts';
import { createDbClient } from '../../lib/db/client.ts';

const [email, password] = process.argv.slice(2);
if (!email || !password) throw new Error('usage: create-user.ts <email> <password>');
const db = createDbClient(process.env.DATABASE_URL);
const user = await db.user.create({ data: { email, name: 'E2E Operator Case', passwordHash: await hashPassword(password), emailVerifiedAt: new Date() } });
await db.$disconnect();
process.stdout.write(user.id);
