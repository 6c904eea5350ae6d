import { describe, expect, it } from 'vitest';
import { isOriginFormTarget } from './request-target';

describe('isOriginFormTarget', () => {
  it.each(['/', '/dashboard', '/login?next=%2Fsecurity', '/_next/static/x.js'])('passes %s', (target) => {
    expect(isOriginFormTarget(target)).toBe(true);
  });

  it.each([['asterisk-form', '*'], ['absolute-form', 'http://evil.example/'], ['absolute-form, https', 'https://localhost:3000/dashboard'], ['authority-form', 'localhost:443'], ['empty', ''], ['missing', undefined]])(
    'refuses the %s target %s',
    (_form, target) => {
      expect(isOriginFormTarget(target)).toBe(false);
    },
  );
});
