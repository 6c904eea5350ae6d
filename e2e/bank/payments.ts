// A payment to a saved payee above the €30 exemption, up to the step-up it meets.
import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures.ts';

/** Fills and sends /transfers/new; expects /reauth with the payment's authorisation and returns its id. */
export async function requestPayment(page: Page, payeeId: string, amount: string): Promise<string> {
  await page.goto('/transfers/new');
  await page.getByLabel('To', { exact: true }).selectOption(`payee:${payeeId}`);
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page).toHaveURL(/\/reauth\?.*authorisation=/);
  return new URL(page.url()).searchParams.get('authorisation')!;
}
