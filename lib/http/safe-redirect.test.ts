import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-redirect';

describe('safeNextPath', () => {
  it.each([
    ['/accounts/abc?page=2', '/accounts/abc?page=2'],
    ['/security', '/security'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/\u0000x',
    '/login?next=/x',
    '',
    null,
    undefined,
    `/${'a'.repeat(3000)}`,
  ])('falls back for %j', (input) => {
    expect(safeNextPath(input as string)).toBe('/dashboard');
  });
});
