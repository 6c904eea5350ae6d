// `npm run users:create -- <email> [--invite]`: an operator makes an account,
// e.g. a production deployment's first user (ADR 045). Works whatever SIGN_UP says.
//  • On a terminal (stdin and stdout a TTY) and without --invite: asks for the
//    name and the password (not echoed; the same rules as everywhere), and
//    creates the account with its address counted as verified — the operator
//    vouches for it.
//  • Otherwise: mails the address an invitation over SMTP_URL (the link the
//    app's own invitations carry, valid 24 hours); the invitee chooses name
//    and password, and accepting proves the mailbox.
// Audited like the app's own sign-ups and invitations. Runs with Node's
// react-server condition (package.json), so it uses the app's own modules.
import fs from 'node:fs';
import readline from 'node:readline';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const invite = args.includes('--invite');
const target = args.find((arg) => !arg.startsWith('--'));
if (!target || args.some((arg) => arg.startsWith('--') && arg !== '--invite')) {
  console.error('Usage: npm run users:create -- <email> [--invite]');
  process.exit(2);
}

/** One line from the terminal; `hidden`: nothing typed is echoed (a password). */
function ask(question: string, hidden = false): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  const write = output._writeToOutput.bind(rl);
  let asked = false;
  output._writeToOutput = (text) => (hidden && asked ? undefined : write(text));
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write('\n');
      resolve(answer);
    });
    asked = true;
  });
}

// The modules read the environment when they load: after .env, and only when the usage is right.
const { EnvError } = await import('../lib/config/env-schema.ts');
const context = { ipAddress: null, userAgent: 'npm run users:create' };
try {
  const { env } = await import('../lib/env.ts');
  const { normalizeEmail } = await import('../lib/auth/input/index.ts');
  const { accountNameProblem, emailAddressProblem } = await import('../lib/auth/sign-up/settings.ts');
  const email = normalizeEmail(target);
  const problem = emailAddressProblem(email);
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
  const { db } = await import('../lib/db/index.ts');
  if (process.stdin.isTTY && process.stdout.isTTY && !invite) {
    const { newPasswordProblem, hashPassword } = await import('../lib/auth/password/index.ts');
    const { createUnverifiedUser, markEmailVerified } = await import('../lib/dal/sign-up.ts');
    const { recordSecurityEvent } = await import('../lib/dal/security-events.ts');
    const name = (await ask('Name: ')).trim();
    const password = await ask('Password (not shown): ', true);
    const failure = accountNameProblem(name) ?? newPasswordProblem(password, { email }) ?? (password === (await ask('Password again: ', true)) ? undefined : 'The two passwords do not match.');
    if (failure) {
      console.error(failure);
      process.exitCode = 1;
    } else {
      const now = new Date();
      const user = await createUnverifiedUser({ email, name, passwordHash: await hashPassword(password), now });
      if (!user) {
        console.error(`${email} already has an account.`);
        process.exitCode = 1;
      } else {
        await markEmailVerified(user.id, now);
        await recordSecurityEvent({ type: 'signup.created', userId: user.id, ...context, detail: { via: 'operator' } });
        console.log(`Created ${email}: it can sign in now.`);
      }
    }
  } else {
    const { mailInvitation } = await import('../lib/auth/sign-up/invitation.ts');
    const outcome = await mailInvitation(email, { operator: true }, context, { origin: env.relyingParty.origin, now: new Date() });
    const report = {
      mailed: `Invited ${email}: the link (valid 24 hours) was mailed through ${new URL(env.SMTP_URL).host}.`,
      'has-account': `${email} already has an account (verified): nothing was mailed.`,
      'too-many': `${email} was sent several invitations in the last 15 minutes: nothing was mailed. Try again later.`,
      'not-delivered': `The invitation to ${email} could not be delivered: check SMTP_URL (${new URL(env.SMTP_URL).host}) and try again.`,
    }[outcome];
    if (outcome === 'mailed') console.log(report);
    else {
      console.error(report);
      process.exitCode = 1;
    }
  }
  await db.$disconnect();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Creating the account failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
