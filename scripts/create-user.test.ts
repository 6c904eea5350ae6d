// `npm run users:create -- <email>` as the operator runs it (a child process
// on this worker's database, mailing through a real SMTP server): without a
// terminal it mails an invitation, says what happened, and fails clearly. ADR 045.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { startMailCatcher } from '@/scripts/lib/mail-catcher';
import { verifyPassword } from '@/lib/auth/password';
import { APP_NAME } from '@/lib/config/app-name';

const catcher = await startMailCatcher();
afterAll(() => catcher.close());
const db = getTestDb();
const root = path.resolve(import.meta.dirname, '..');

const command = [process.execPath, '--conditions=react-server', '--import', 'tsx', 'scripts/create-user.ts'];
const env = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, SESSION_SECRETS: process.env.SESSION_SECRETS, SMTP_URL: catcher.smtpUrl, NODE_ENV: 'test' as const });

/** Runs the script as `npm run users:create` does (package.json), stdin not a terminal. */
function createUser(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd: root, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

beforeEach(resetTestDb);

describe('npm run users:create', () => {
  it('without a terminal, mails an invitation for a new address: an unverified account that signs in to nothing until accepted', async () => {
    const result = await createUser('--', 'First@Example.com');
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ status: 0, stdout: expect.stringContaining('Invited first@example.com: the link (valid 24 hours) was mailed') });
    const mail = catcher.messages().find((m) => m.to.includes('first@example.com'));
    expect(mail?.subject).toBe(`You are invited to ${APP_NAME}`);
    expect(mail?.text).toMatch(/^http:\/\/localhost:3000\/accept-invitation\?token=[\w-]{22}\.[\w-]{43}$/m);
    const user = await db.user.findUniqueOrThrow({ where: { email: 'first@example.com' } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(await db.auditEvent.findFirst({ where: { type: 'invitation.sent', userId: null } })).toMatchObject({ detail: JSON.stringify({ invitedBy: 'operator', outcome: 'mailed' }) });
  }, 60_000);

  it('says so and fails for an address that already has a verified account, mailing nothing', async () => {
    await db.user.create({ data: { email: 'taken@example.com', name: 'Taken', passwordHash: 'x', emailVerifiedAt: new Date() } });
    const before = catcher.messages().length;
    const result = await createUser('taken@example.com', '--invite');
    expect(result).toMatchObject({ status: 1, stderr: expect.stringContaining('taken@example.com already has an account (verified): nothing was mailed.') });
    expect(catcher.messages()).toHaveLength(before);
  }, 60_000);

  it('refuses a missing or malformed address and unknown flags with the usage, touching nothing', async () => {
    for (const args of [[], ['--name'], ['someone@example.com', '--force']]) {
      expect(await createUser(...args)).toMatchObject({ status: 2, stderr: expect.stringContaining('Usage: npm run users:create -- <email> [--invite]') });
    }
    expect(await createUser('not-an-address')).toMatchObject({ status: 2, stderr: expect.stringContaining('Enter an email address such as name@example.com.') });
    expect(await db.user.count()).toBe(0);
  }, 60_000);

  // util-linux `script` gives the script a pseudo-terminal, as an operator's shell would.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('on a terminal, asks for the name and the password (never echoed) and creates a verified account that signs in', async () => {
    const password = 'an operator typed passphrase';
    const quoted = [...command, 'operator-made@example.com'].map((arg) => `'${arg}'`).join(' ');
    const child = spawn('script', ['-qec', quoted, '/dev/null'], { cwd: root, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const answers: [prompt: string, answer: string][] = [
      ['Name: ', 'Olive Operator'],
      ['Password (not shown): ', password],
      ['Password again: ', password],
    ];
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const next = answers[0];
      if (next && output.includes(next[0])) {
        answers.shift();
        child.stdin.write(`${next[1]}\r`);
      }
    });
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(status, output).toBe(0);
    expect(output).toContain('Created operator-made@example.com: it can sign in now.');
    expect(output).not.toContain(password);
    const user = await db.user.findUniqueOrThrow({ where: { email: 'operator-made@example.com' } });
    expect(user).toMatchObject({ name: 'Olive Operator', emailVerifiedAt: expect.any(Date) });
    expect((await verifyPassword(user.passwordHash, password)).ok).toBe(true);
    expect(await db.auditEvent.count({ where: { type: 'signup.created', userId: user.id } })).toBe(1);
  }, 60_000);
});
