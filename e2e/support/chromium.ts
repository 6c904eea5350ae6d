// Launch options for the Chromium scripts/lib/chromium.ts finds (`npm test`
// provides one first): the flags a system build needs, plus any the caller adds.
// Shared by playwright.config.ts and playwright.cluster.config.ts.
import type { LaunchOptions } from '@playwright/test';
import { findChromium, NO_CHROMIUM_HELP, SYSTEM_CHROMIUM_ARGS } from '../../scripts/lib/chromium.ts';

export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  const found = findChromium();
  if (!found) throw new Error(NO_CHROMIUM_HELP);
  if (found.kind === 'playwright') return extraArgs.length > 0 ? { args: extraArgs } : {};
  return { executablePath: found.executablePath, args: [...SYSTEM_CHROMIUM_ARGS, ...extraArgs] };
}
