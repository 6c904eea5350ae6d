// The account page's rows as a user reads them: the client table (fed text the
// server formatted) renders the markup the server components rendered before
// ADR 049 — dates in the display time zone, signed amounts with their colour
// class, the payee as the title and the description under it only when it says
// something else.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TransactionRow } from '@/lib/dal/transactions';
import { shownTransaction } from './shown-transactions';
import { TransactionsTable } from './transactions-table';

const row = (overrides: Partial<TransactionRow>): TransactionRow => ({
  id: 'tx1',
  amountMinor: -3163,
  balanceAfterMinor: 324_781,
  description: 'Debit card · Harbor Grocers',
  counterparty: 'Harbor Grocers',
  category: 'Groceries',
  // 23:30 UTC is already the next day in Berlin
  bookedAt: new Date(Date.UTC(2026, 11, 5, 23, 30)),
  transferId: null,
  ...overrides,
});

const render = (rows: TransactionRow[], currency = 'EUR') =>
  renderToStaticMarkup(createElement(TransactionsTable, { rows: rows.map((r) => shownTransaction(r, currency)) }));
const bodyRows = (html: string) => html.slice(html.indexOf('<tbody>') + 7, html.indexOf('</tbody>'));

describe('the account page’s transaction rows', () => {
  it('show date, payee, description, category, signed amount and balance, as the server rendered them', () => {
    expect(bodyRows(render([row({})]))).toBe(
      '<tr><td class="when">6 Dec 2026</td>' +
        '<td class="what"><div class="tx-title">Harbor Grocers</div><div class="tx-sub">Debit card · Harbor Grocers</div></td>' +
        '<td class="cat"><span class="category">Groceries</span></td>' +
        '<td class="num"><span class="amount amount-out">-€31.63</span></td>' +
        '<td class="num after amount">€3,247.81</td></tr>',
    );
  });

  it('mark money in with a plus and its own class; zero and money out alike as out', () => {
    const html = bodyRows(render([row({ id: 'a', amountMinor: 250_000 }), row({ id: 'b', amountMinor: 0 })]));
    expect(html).toContain('<span class="amount amount-in">+€2,500.00</span>');
    expect(html).toContain('<span class="amount amount-out">€0.00</span>');
  });

  it('title a row by its description when there is no payee, and never repeat it underneath', () => {
    const html = bodyRows(render([row({ id: 'a', counterparty: null, description: 'Interest' }), row({ id: 'b', counterparty: 'Rent', description: 'Rent' })]));
    expect(html).toContain('<div class="tx-title">Interest</div></td>');
    expect(html).toContain('<div class="tx-title">Rent</div></td>');
    expect(html).not.toContain('tx-sub');
  });

  it('format in the account’s currency', () => {
    const html = bodyRows(render([row({ amountMinor: -500 })], 'JPY'));
    expect(html).toContain('<span class="amount amount-out">-JP¥500</span>');
    expect(html).toContain('<td class="num after amount">JP¥324,781</td>');
  });

  it('keep the table’s caption and column headers', () => {
    const html = render([row({})]);
    expect(html).toContain('<caption class="visually-hidden">Transactions, newest first</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(5);
  });
});
