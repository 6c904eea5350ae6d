import { describe, expect, it } from 'vitest';
import { RETRY_PATH_HEADER, retryPathFrom } from './retry-path';

const from = (value?: string) => retryPathFrom(new Headers(value === undefined ? {} : { [RETRY_PATH_HEADER]: value }));

describe('retryPathFrom', () => {
  it('returns the same-site path middleware recorded', () => {
    expect(from('/accounts/abc?page=2')).toBe('/accounts/abc?page=2');
    expect(from('/login')).toBe('/login');
    expect(from('/login/mfa')).toBe('/login/mfa');
  });

  it('refuses anything that could lead off the site, and a missing header', () => {
    expect(from()).toBeNull();
    expect(from('//evil.example/x')).toBeNull();
    expect(from('https://evil.example/')).toBeNull();
    expect(from('/\\evil.example')).toBeNull();
    expect(from('/loginx//evil')).toBeNull();
  });
});
