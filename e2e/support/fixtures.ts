// Import `test` and `expect` from here, not from @playwright/test: every browser
// context a test uses is watched for Content Security Policy violations, and the
// test fails if any occurred. A nonce CSP that blocks Next's own scripts can hide
// behind the no-JS form fallback; the console is where it shows (Chromium logs
// "Refused to execute inline script because it violates … Content Security Policy").
//
//   test('…', async ({ page, cspViolations }) => { …; expect(cspViolations).toEqual([]); });
//   test.use({ allowedCspViolations: [/frame-ancestors/] });   // a spec that provokes one on purpose
//   const other = await browser.newContext(); watchCsp(other, cspViolations);   // extra contexts
import { test as base, expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';

export type CspViolation = { text: string; url: string };

export function isCspViolation(message: ConsoleMessage): boolean {
  return /Content Security Policy/i.test(message.text());
}

/** Records CSP violations logged in `target` (a context covers all its pages and popups). */
export function watchCsp(target: BrowserContext | Page, into: CspViolation[] = []): CspViolation[] {
  target.on('console', (message: ConsoleMessage) => {
    if (isCspViolation(message)) into.push({ text: message.text(), url: message.location().url || message.page()?.url() || '' });
  });
  return into;
}

type CspFixtures = {
  /** Violations seen so far in this test's browser context(s). */
  cspViolations: CspViolation[];
  /** Violations matching one of these do not fail the test. */
  allowedCspViolations: RegExp[];
};

export const test = base.extend<CspFixtures>({
  allowedCspViolations: [[], { option: true }],
  // (Playwright fixtures must destructure their dependencies, even none.)
  cspViolations: async ({}, use) => {
    await use([]);
  },
  context: async ({ context, cspViolations, allowedCspViolations }, use) => {
    watchCsp(context, cspViolations);
    await use(context);
    const unexpected = cspViolations.filter((v) => !allowedCspViolations.some((allowed) => allowed.test(v.text)));
    expect(unexpected, 'Content Security Policy violations in the browser console').toEqual([]);
  },
});

export { expect };
