// Sign-up with email verification, invitations and the operator's first user
// (ADR 045), in real Chromium, with the mails read from the real SMTP server
// the app sent them through. Runs on SQLite and, in .ci/run, on PostgreSQL
// (users from support/users.ts; the script runs against the e2e database).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { submitAndSettle, submitPassword } from './auth-helpers.ts';
import { e2eBaseURL, e2eServerEnv } from './support/environment.ts';
import { linkIn, mailsTo, readMail } from './support/mail.ts';
import { createE2eUser } from './support/users.ts';
import { AT_HOME, expectSignedIn, PROFILE_PATH } from './support/signed-in.ts';
import { APP_NAME } from '../lib/config/app-name.ts';

test.describe.configure({ timeout: 120_000 });

const VERIFY_SUBJECT = `Verify your email for ${APP_NAME}`;
const EXISTING_SUBJECT = 'Someone tried to sign up with your email';
const INVITATION_SUBJECT = `You are invited to ${APP_NAME}`;
const REQUESTED = "Thanks. We've emailed a link to that address: open it to verify your email, then sign in. If the address already has an account, we've emailed its owner instead.";
const PASSWORD = 'a long passphrase chosen at sign-up';

const newEmail = (label: string) => `${label}-${randomBytes(5).toString('hex')}@e2e.example.com`;

/** Fills /sign-up (reached from the login page's link) and returns what the browser got back. */
async function signUp(page: Page, name: string, email: string): Promise<{ status: number; text: string }> {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
  const posted = page.waitForResponse((response) => response.request().method() === 'POST');
  await page.getByRole('button', { name: 'Create account' }).click();
  const response = await posted;
  const status = page.getByRole('main').getByRole('status');
  await expect(status).toHaveText(REQUESTED);
  return { status: response.status(), text: await page.getByRole('main').innerText() };
}

/** Opens a mailed link: the token leaves the address bar at once, for an HttpOnly cookie. */
async function openLink(page: Page, link: string, landing: string, cookieName: string): Promise<void> {
  const response = await page.goto(link);
  await expect(page).toHaveURL(`${e2eBaseURL}${landing}`);
  const redirect = await response!.request().redirectedFrom()!.response();
  expect(redirect!.status()).toBe(303);
  expect(redirect!.headers()['referrer-policy']).toBe('no-referrer');
  expect((await page.context().cookies()).find((c) => c.name === cookieName)).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
}

test('sign up → verification mail → sign in → verify; the link works once, and only for the account that signed up', async ({ page, browser }) => {
  const email = newEmail('signup');
  const asked = new Date(Date.now() - 1_000);
  await signUp(page, 'Nova Newcomer', email);
  const link = linkIn(await readMail(email, VERIFY_SUBJECT, { after: asked }), `${e2eBaseURL}/verify-email?token=`);

  // The mailbox alone verifies nothing: signed in as someone else, the link is refused.
  const other = await createE2eUser('signup-other');
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await submitPassword(otherPage, other.email, other.password);
  await openLink(otherPage, link, '/verify-email/confirm', '__Host-email-verification');
  await expect(otherPage.getByRole('main').getByRole('alert')).toContainText('This link verifies another account’s email address.');
  await otherContext.close();

  await openLink(page, link, '/verify-email/confirm', '__Host-email-verification');
  await page.getByRole('link', { name: 'Sign in to verify' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fverify-email%2Fconfirm$/);
  await submitPassword(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/verify-email\/confirm$/);
  await submitAndSettle(page, page.getByRole('button', { name: /^Verify(ing)? email/ }));
  await expect(page).toHaveURL(/\/profile\?email=verified$/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Your email address is verified.');
  await expectSignedIn(page, 'Nova Newcomer');
  await expect(page.getByRole('heading', { name: 'Verify your email address' })).toHaveCount(0);
  await expect(page.locator('dl.receipt')).toContainText('Email verifiedYes');

  // The same link again: spent.
  await openLink(page, link, '/verify-email/confirm', '__Host-email-verification');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This verification link has expired or has already been used.');
});

test('unknown and known emails get the same page, status and text for sign-up; the owner is told, no account is made', async ({ browser }) => {
  const known = await createE2eUser('signup-known');
  const unknown = newEmail('signup-unknown');
  const answers = [];
  for (const email of [known.email, unknown]) {
    const context = await browser.newContext();
    answers.push(await signUp(await context.newPage(), 'Same Answer', email));
    await context.close();
  }
  expect(answers[1]).toEqual(answers[0]);
  await readMail(known.email, EXISTING_SUBJECT);
  await readMail(unknown, VERIFY_SUBJECT);
  expect((await mailsTo(known.email)).map((m) => m.subject)).not.toContain(VERIFY_SUBJECT);

  // The known account's password still works (nothing about it changed).
  const context = await browser.newContext();
  const page = await context.newPage();
  await submitPassword(page, known.email, known.password);
  await expect(page).toHaveURL(AT_HOME);
  await context.close();
});

async function acceptFromMail(page: Page, email: string, name: string, after: Date): Promise<void> {
  const link = linkIn(await readMail(email, INVITATION_SUBJECT, { after }), `${e2eBaseURL}/accept-invitation?token=`);
  await openLink(page, link, '/accept-invitation/new', '__Host-invitation');
  await expect(page.getByRole('main')).toContainText(`Choose your name and a password for ${email}.`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
  await submitAndSettle(page, page.getByRole('button', { name: /^Creat(e|ing) account/ }));
  await expect(page).toHaveURL(/\/login\?reason=invitation-accepted$/);
}

async function expectVerifiedSignIn(page: Page, email: string, name: string): Promise<void> {
  await submitPassword(page, email, PASSWORD);
  await expect(page).toHaveURL(AT_HOME);
  await expectSignedIn(page, name);
  await page.goto(PROFILE_PATH);
  await expect(page.locator('dl.receipt')).toContainText('Email verifiedYes');
}

test('a signed-in user invites an address → the invitee accepts → signs in, verified', async ({ page, browser }) => {
  const inviter = await createE2eUser('inviter');
  await submitPassword(page, inviter.email, inviter.password);
  await page.goto(PROFILE_PATH);
  const invitee = newEmail('invitee');
  const asked = new Date(Date.now() - 1_000);
  await page.getByLabel('Email to invite', { exact: true }).fill(invitee);
  await submitAndSettle(page, page.getByRole('button', { name: /^(Send invitation|Inviting…)$/ }));
  await expect(page.getByRole('status').filter({ hasText: 'Invitation sent.' })).toBeVisible();

  const context = await browser.newContext();
  const guest = await context.newPage();
  await acceptFromMail(guest, invitee, 'Ivy Invitee', asked);
  await expect(guest.getByRole('main').getByRole('status')).toContainText('Your account is ready.');
  await expectVerifiedSignIn(guest, invitee, 'Ivy Invitee');
  await context.close();
});

test('the operator\'s `npm run users:create -- <email>` (no terminal) mails an invitation that makes a user who can sign in', async ({ page }) => {
  const email = newEmail('first-user');
  const asked = new Date(Date.now() - 1_000);
  // Asynchronously: a synchronous child would stall this worker's event loop (and its pooled connections).
  const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/create-user.ts', email], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, ...e2eServerEnv, NODE_ENV: 'test' },
  });
  expect(stdout).toContain(`Invited ${email}`);
  await acceptFromMail(page, email, 'Olga Operator-Made', asked);
  await expectVerifiedSignIn(page, email, 'Olga Operator-Made');
});
