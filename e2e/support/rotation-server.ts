// Servers for the rotation and reuse specs, with margins that hold on a busy
// 2-core machine. The default rotates every 4 s with 1.5 s of grace (counted
// from the new secret's first use); the theft spec uses the 10 s / 3 s.
// (The main e2e server rotates every 3 s so every other spec exercises rotation
// in passing.)
import { expect, type Page } from '@playwright/test';
import { startExtraServer, type ExtraServer } from './extra-server.ts';
import { sessionCookieValue } from './session.ts';
import { AT_HOME, HOME_PATH } from './signed-in.ts';

export const ROTATION_MS = 4_000;
export const GRACE_MS = 1_500;

export function startRotationServer(timing: { rotationMs: number; graceMs: number } = { rotationMs: ROTATION_MS, graceMs: GRACE_MS }): Promise<ExtraServer> {
  return startExtraServer({
    database: 'shared', // so the specs can inspect rows and audit events in the main e2e database
    env: { SESSION_ROTATION_INTERVAL: `${timing.rotationMs}ms`, SESSION_ROTATION_GRACE: `${timing.graceMs}ms` },
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One rotation as an honest browser lives it: wait out the interval, a
 * navigation rotates the cookie, the next one uses the new secret, then the
 * previous secret's grace runs out.
 */
export async function rotateAndMoveOn(page: Page, timing: { baseURL: string; rotationMs: number; graceMs: number }): Promise<void> {
  const before = await sessionCookieValue(page.context());
  await sleep(timing.rotationMs + 300);
  await page.goto(`${timing.baseURL}${HOME_PATH}`);
  await expect.poll(() => sessionCookieValue(page.context())).not.toBe(before);
  await page.goto(`${timing.baseURL}${HOME_PATH}`); // the new secret's first use
  await expect(page).toHaveURL(AT_HOME);
  await sleep(timing.graceMs + 300);
}
