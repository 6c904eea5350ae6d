// The dashboard and an account's transactions: what alice sees, and that
// search, filters and paging work on the server (read-only: no data changes).
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { openE2eDatabase } from '../support/database.ts';
import { signIn } from '../support/session.ts';

const berlinDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const shownDate = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${day}T12:00:00Z`));
/** The filtered list has arrived (it streams in below the form). */
const results = (page: Page) => expect(page.getByRole('status').filter({ hasText: /matching transactions/ })).toBeVisible();
/** "-€1,150.00" / "+€3,480.00" → cents */
const cents = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);

function aliceChecking(): { id: string; count: number; days: string[] } {
  const db = openE2eDatabase();
  try {
    const { id } = db
      .prepare(`SELECT a.id FROM "BankAccount" a JOIN "User" u ON u.id = a.userId WHERE u.email = 'alice@example.com' AND a.kind = 'checking'`)
      .get() as { id: string };
    const rows = db.prepare('SELECT bookedAt FROM "Transaction" WHERE accountId = ? ORDER BY bookedAt DESC').all(id) as { bookedAt: string }[];
    return { id, count: rows.length, days: rows.map((r) => berlinDay(r.bookedAt)) };
  } finally {
    db.close();
  }
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('alice sees her three accounts, the total, the chart and its text alternative', async ({ page }) => {
  const accounts = page.getByRole('region', { name: 'Your accounts' });
  await expect(accounts.getByRole('link')).toHaveCount(3);
  for (const name of ['Everyday Checking', 'Rainy Day Savings', 'Visa Card']) {
    await expect(accounts.getByRole('link', { name: new RegExp(name) })).toBeVisible();
  }
  await expect(accounts.getByText('Total balance')).toBeVisible();

  // The chart is drawn in the browser (recharts), so this also proves scripts run under the CSP.
  const chart = page.locator('figure.chart svg.recharts-surface');
  await expect(chart).toBeVisible();
  await expect(page.locator('figure.chart .recharts-area-curve')).toHaveCount(1);
  await chart.hover();
  await expect(page.locator('.chart-tooltip')).toBeVisible();

  await expect(page.locator('#chart-summary')).toContainText(/Your total balance went from €[\d,.]+ on .* to €[\d,.]+ today/);
  await page.getByText('Show month-end balances as a table').click();
  const table = page.getByRole('table', { name: 'Total balance at the end of each month' });
  await expect(table).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);

  await expect(page.getByRole('region', { name: 'Recent transactions' }).getByRole('listitem')).toHaveCount(6);
});

test('an account page pages through its transactions, 25 at a time', async ({ page }) => {
  const checking = aliceChecking();
  await page.getByRole('region', { name: 'Your accounts' }).getByRole('link', { name: /Everyday Checking/ }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${checking.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Everyday Checking' })).toBeVisible();
  await expect(page.getByText(`Showing 1–25 of ${checking.count} transactions`)).toBeVisible();
  const rows = page.locator('table.tx-table tbody tr');
  await expect(rows).toHaveCount(25);
  const firstOnPageOne = await rows.first().innerText();

  await page.getByRole('navigation', { name: 'Pages of transactions' }).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByText(`Showing 26–50 of ${checking.count} transactions`)).toBeVisible();
  await expect(rows.first()).not.toHaveText(firstOnPageOne);
  await expect(rows.first().locator('td.when')).toHaveText(shownDate(checking.days[25]!));

  await page.getByRole('link', { name: 'Previous' }).click();
  await expect(page.getByText(`Showing 1–25 of ${checking.count} transactions`)).toBeVisible();
});

// The table and the filters form are client components (ADR 049): the browser
// must take over the server's HTML as it is, without a hydration mismatch.
test('an account page hydrates without errors, also with filters and an error shown', async ({ page }) => {
  const { id } = aliceChecking();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  for (const query of ['', '?q=greenleaf&min=5&direction=out', '?min=abc&page=2']) {
    await page.goto(`/accounts/${id}${query}`);
    await page.waitForLoadState('networkidle');
  }
  await page.getByLabel('Search', { exact: true }).fill('salary');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=salary/);
  await results(page);
  expect(errors).toEqual([]);
});

test('search is case-insensitive and runs on the server', async ({ page }) => {
  const { id } = aliceChecking();
  await page.goto(`/accounts/${id}`);
  const totals: string[] = [];
  for (const q of ['GREENLEAF', 'greenleaf']) {
    await page.getByLabel('Search', { exact: true }).fill(q);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${q}`));
    await results(page);
    const summary = page.getByRole('status').filter({ hasText: /matching transactions/ });
    totals.push(await summary.innerText());
    for (const text of await page.locator('table.tx-table td.what').allInnerTexts()) expect(text).toMatch(/greenleaf/i);
  }
  expect(totals[0]).toBe(totals[1]);
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('');
});

test('date and amount filters narrow the list', async ({ page }) => {
  const { id, days } = aliceChecking();
  const day = days[10]!;
  await page.goto(`/accounts/${id}`);
  await page.getByText('Dates and amounts').click();
  await page.getByLabel('From date').fill(day);
  await page.getByLabel('To date').fill(day);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}`));
  await results(page);
  const dates = await page.locator('table.tx-table td.when').allInnerTexts();
  expect(dates.length).toBe(days.filter((d) => d === day).length);
  for (const date of dates) expect(date).toBe(shownDate(day));

  await page.goto(`/accounts/${id}?min=50&max=100`);
  await results(page);
  const amounts = (await page.locator('table.tx-table td.num:not(.after)').allInnerTexts()).map(cents);
  expect(amounts.length).toBeGreaterThan(0);
  for (const amount of amounts) {
    expect(Math.abs(amount)).toBeGreaterThanOrEqual(50_00);
    expect(Math.abs(amount)).toBeLessThanOrEqual(100_00);
  }

  await page.getByLabel('Smallest amount').fill('');
  await page.getByLabel('Largest amount').fill('');
  await page.getByLabel('Money', { exact: true }).selectOption('in');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/direction=in/);
  await results(page);
  for (const amount of await page.locator('table.tx-table td.num:not(.after)').allInnerTexts()) expect(amount).toMatch(/^\+€/);
});

test('nonsense filters get a clear message, not an error page', async ({ page }) => {
  const { id } = aliceChecking();
  const response = await page.goto(`/accounts/${id}?min=abc&from=2026-02-30&page=-4`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText('Enter the amount as a number, for example 12.34.')).toBeVisible();
  await expect(page.getByLabel('Smallest amount')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter a date like 2026-03-31.')).toBeVisible();
});

test('transactions download as CSV with the same filters', async ({ page }) => {
  const { id } = aliceChecking();
  const response = await page.request.get(`/accounts/${id}/transactions.csv?q=greenleaf`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  const [header, ...lines] = (await response.text()).trim().split('\r\n');
  expect(header).toBe('Date,Description,Counterparty,Category,Amount,Currency,Balance after');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(/greenleaf/i);
});
