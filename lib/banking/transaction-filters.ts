// The account page's search form as data: URL search params → checked filters
// (and messages for the ones that make no sense). Framework-free.
import { isDateOnly } from './calendar';
import { parseAmountToMinor } from './money';

export const TRANSACTIONS_PAGE_SIZE = 25;
const MAX_PAGE = 10_000;

export type Direction = 'all' | 'in' | 'out';

export type TransactionFilters = {
  q: string;
  fromDay?: string;
  toDay?: string;
  minMinor?: number;
  maxMinor?: number;
  direction: Direction;
  page: number;
};

export type FilterField = 'q' | 'from' | 'to' | 'min' | 'max';

export type ParsedFilters = {
  filters: TransactionFilters;
  /** What the user typed, for refilling the form. */
  values: Record<FilterField | 'direction', string>;
  errors: Partial<Record<FilterField, string>>;
};

type Query = Record<string, string | string[] | undefined>;

const one = (query: Query, name: string) => {
  const value = query[name];
  return typeof value === 'string' ? value.trim().slice(0, 100) : '';
};

export function parseTransactionFilters(query: Query): ParsedFilters {
  const values = {
    q: one(query, 'q'),
    from: one(query, 'from'),
    to: one(query, 'to'),
    min: one(query, 'min'),
    max: one(query, 'max'),
    direction: one(query, 'direction'),
  };
  const errors: ParsedFilters['errors'] = {};
  const filters: TransactionFilters = {
    q: values.q,
    direction: values.direction === 'in' || values.direction === 'out' ? values.direction : 'all',
    page: 1,
  };

  const page = Number(one(query, 'page'));
  if (Number.isInteger(page) && page >= 1) filters.page = Math.min(page, MAX_PAGE);

  for (const [field, key] of [['from', 'fromDay'], ['to', 'toDay']] as const) {
    if (!values[field]) continue;
    if (isDateOnly(values[field])) filters[key] = values[field];
    else errors[field] = 'Enter a date like 2026-03-31.';
  }
  if (filters.fromDay && filters.toDay && filters.fromDay > filters.toDay) {
    errors.to = 'The end date is before the start date.';
    delete filters.toDay;
  }

  for (const [field, key] of [['min', 'minMinor'], ['max', 'maxMinor']] as const) {
    if (!values[field]) continue;
    const amount = parseAmountToMinor(values[field], { maxMinor: Number.MAX_SAFE_INTEGER });
    if (amount.ok) filters[key] = amount.minor;
    else errors[field] = amount.error;
  }
  if (filters.minMinor !== undefined && filters.maxMinor !== undefined && filters.minMinor > filters.maxMinor) {
    errors.max = 'The largest amount is smaller than the smallest.';
    delete filters.maxMinor;
  }
  return { filters, values, errors };
}

export function hasActiveFilters(filters: TransactionFilters): boolean {
  return Boolean(
    filters.q || filters.fromDay || filters.toDay || filters.minMinor !== undefined || filters.maxMinor !== undefined || filters.direction !== 'all',
  );
}

/** The URL query for these filters on another page (empty values left out). */
export function filtersQuery(values: ParsedFilters['values'], page?: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value && !(name === 'direction' && value === 'all')) params.set(name, value);
  if (page && page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}
