// The suite's one neutral answer to "is this browser or cookie signed in?",
// which holds with or without the demo bank (ADR 038): over HTTP, /api/me (200
// with the user, 401 without); on a page, the app shell every signed-in page
// has — the banner with the user's name and "Sign out". HOME is where sign-in
// lands (the bank's dashboard, or the profile page once the bank is removed).
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { HOME } from '../../lib/http/home.ts';

export const HOME_PATH = HOME.path;
/** The browser is on the home page (sign-in without `next=` ends here). */
export const AT_HOME = new RegExp(`${HOME.path}(\\?|$)`);
/** The signed-in user's identity as JSON: 200 signed in, 401 not. */
export const ME_PATH = '/api/me';
/** A signed-in page that needs no fresh authentication, bank or no bank. */
export const PROFILE_PATH = '/profile';

/** The page shows the app shell: signed in (as `name`, when given). */
export async function expectSignedIn(page: Page, name?: string): Promise<void> {
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('button', { name: 'Sign out' })).toBeVisible();
  if (name !== undefined) await expect(banner.getByRole('link', { name, exact: true })).toBeVisible();
}

/** The page shows no trace of a signed-in user (and typically is the login page). */
export async function expectNoSignedInShell(page: Page): Promise<void> {
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}
