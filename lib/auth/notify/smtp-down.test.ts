// With the SMTP server unreachable (ADR 047): the action that raised a notice
// answers as it always does, and the lost mail is only logged.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { APP_NAME } from '../../config/app-name';

// The mailer reads SMTP_URL once, when the app's modules load: nothing listens on port 9.
process.env.SMTP_URL = 'smtp://127.0.0.1:9';
const { settleNotices } = await import('./index');
const { attemptPasswordSignIn, loginThrottle } = await import('../sign-in');
const { hashPassword } = await import('../password');

const db = getTestDb();
const context = { ipAddress: '192.0.2.60', userAgent: 'vitest' };
let logged: string[] = [];
beforeEach(async () => {
  await resetTestDb();
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('a notice that cannot be sent', () => {
  it('fails nothing: a lockout answers exactly as for an unknown email, and the lost mail is logged', async () => {
    await db.user.create({ data: { email: 'owner@example.com', name: 'Owner', passwordHash: await hashPassword('the owner’s long passphrase') } });
    const lockOut = async (email: string) => {
      const answers: string[] = [];
      for (let i = 0; i <= loginThrottle.config.maxFailures; i++) answers.push((await attemptPasswordSignIn({ email, password: 'a wrong guess!!', context })).status);
      return answers;
    };
    const known = await lockOut('owner@example.com');
    expect(known).toEqual(await lockOut('nobody@example.com'));
    expect(known.at(-1)).toBe('blocked');
    await settleNotices();
    expect(logged.join('\n')).toMatch(new RegExp(`\\[mail\\] sending "Sign-in to your ${APP_NAME} account was locked" through smtp://127\\.0\\.0\\.1:9 failed`));
  });
});
