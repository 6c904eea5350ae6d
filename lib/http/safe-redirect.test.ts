import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-redirect';
import { HOME } from './home';

describe('safeNextPath', () => {
  it.each([
    ['/accounts/abc?page=2', '/accounts/abc?page=2'],
    ['/security', '/security'],
    ['/a/../security', '/security'],
    ['/./security', '/security'],
    ['/accounts/%2e%2e/security', '/security'],
    // An encoded slash is not a path separator: it stays one segment on this site.
    ['/%2f/evil.example', '/%2f/evil.example'],
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
    '/\tx',
    '/login?next=/x',
    '',
    null,
    undefined,
    `/${'a'.repeat(3000)}`,
  ])('falls back for %j', (input) => {
    expect(safeNextPath(input as string)).toBe(HOME.path);
  });

  // Each of these normalises to "//evil.example…", another host to a browser.
  const normalisedToOtherHost = [
    '/.//evil.example',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/a/..//evil.example',
    '/a/%2e%2e//evil.example',
    '/%2e%2e//evil.example',
    '/..//evil.example',
    '/././/evil.example',
    '/a/b/../..//evil.example/path?q=1',
    '/.%2e//evil.example',
    '/x/.%2E//evil.example',
  ];

  it.each(normalisedToOtherHost)('falls back for %j (normalises to //…)', (input) => {
    expect(new URL(input, 'http://same.invalid').pathname).toMatch(/^\/\//); // the trap is real
    expect(safeNextPath(input)).toBe(HOME.path);
    expect(safeNextPath(input, '')).toBe('');
  });

  it('never returns a scheme-relative path, whatever the input', () => {
    const pieces = ['/', '\\', '.', '..', '%2e', '%2E', '%2f', '%5c', 'a', '?', '#', '@', ':'];
    for (const a of pieces) for (const b of pieces) for (const c of pieces) for (const d of pieces) {
      const result = safeNextPath(`/${a}${b}${c}${d}evil.example`, '');
      expect(result, `/${a}${b}${c}${d}evil.example`).not.toMatch(/^\/[/\\]/);
      if (result) expect(new URL(result, 'http://same.invalid').origin).toBe('http://same.invalid');
    }
  });
});
