import { describe, expect, it } from 'vitest';
import { isPrefetchRequest } from './prefetch';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('isPrefetchRequest', () => {
  it.each([
    [{ 'next-router-prefetch': '1' }],
    [{ 'next-router-segment-prefetch': '/_tree' }],
    [{ 'x-middleware-prefetch': '1' }],
    [{ 'sec-purpose': 'prefetch' }],
    [{ 'sec-purpose': 'prefetch;prerender' }],
    [{ purpose: 'Prefetch' }],
  ])('recognises %o', (entries) => {
    expect(isPrefetchRequest(headers(entries))).toBe(true);
  });

  it('treats navigations and fetches as activity', () => {
    expect(isPrefetchRequest(headers({}))).toBe(false);
    expect(isPrefetchRequest(headers({ rsc: '1', 'next-router-state-tree': '%5B%5D' }))).toBe(false);
    expect(isPrefetchRequest(headers({ 'sec-fetch-mode': 'navigate' }))).toBe(false);
  });
});
