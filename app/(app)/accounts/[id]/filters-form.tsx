'use client';

import Form from 'next/form';
import Link from 'next/link';
import type { FilterField, ParsedFilters } from '@/lib/banking/transaction-filters';

type Props = {
  action: string;
  values: ParsedFilters['values'];
  errors: ParsedFilters['errors'];
  filtered: boolean;
  currency: string;
};

// A GET form: the filters live in the URL (shareable, back button works), and
// next/form turns submitting it into a client-side navigation. A client component
// itself, so the page's payload carries its few props, not its fifty elements (ADR 049).
export function TransactionFiltersForm({ action, values, errors, filtered, currency }: Props) {
  const symbol = currency === 'EUR' ? '€' : currency;
  const describe = (field: FilterField, hint?: string) =>
    [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const error = (field: FilterField) =>
    errors[field] ? (
      <p id={`${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;

  const moreActive = Boolean(values.from || values.to || values.min || values.max || (values.direction && values.direction !== 'all'));
  const moreErrors = Boolean(errors.from || errors.to || errors.min || errors.max);

  return (
    <Form action={action} className="filters">
      <div className="search-row">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={values.q} maxLength={100} aria-describedby="q-hint" autoComplete="off" />
          <p id="q-hint" className="hint">
            Description, payee or category
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary">
            Search
          </button>
        </div>
      </div>
      <details className="more-filters" open={moreActive || moreErrors}>
        <summary>Dates and amounts</summary>
        <div className="filters-more">
          <div className="field">
            <label htmlFor="from">From date</label>
            <input id="from" name="from" type="date" defaultValue={values.from} aria-invalid={errors.from ? true : undefined} aria-describedby={describe('from')} />
            {error('from')}
          </div>
          <div className="field">
            <label htmlFor="to">To date</label>
            <input id="to" name="to" type="date" defaultValue={values.to} aria-invalid={errors.to ? true : undefined} aria-describedby={describe('to')} />
            {error('to')}
          </div>
          <div className="field">
            <label htmlFor="direction">Money</label>
            <select id="direction" name="direction" defaultValue={values.direction || 'all'}>
              <option value="all">In and out</option>
              <option value="in">Money in</option>
              <option value="out">Money out</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="min">Smallest amount</label>
            <div className="input-prefix">
              <span aria-hidden="true">{symbol}</span>
              <input id="min" name="min" inputMode="decimal" defaultValue={values.min} aria-invalid={errors.min ? true : undefined} aria-describedby={describe('min', 'amount-hint')} />
            </div>
            {error('min')}
          </div>
          <div className="field">
            <label htmlFor="max">Largest amount</label>
            <div className="input-prefix">
              <span aria-hidden="true">{symbol}</span>
              <input id="max" name="max" inputMode="decimal" defaultValue={values.max} aria-invalid={errors.max ? true : undefined} aria-describedby={describe('max', 'amount-hint')} />
            </div>
            {error('max')}
          </div>
          <p id="amount-hint" className="hint amount-hint">
            Amounts match money in and out alike: 50 to 100 finds a €60 payment and an €80 refund.
          </p>
        </div>
      </details>
      {filtered ? (
        <p>
          <Link href={action}>Clear filters</Link>
        </p>
      ) : null}
    </Form>
  );
}
