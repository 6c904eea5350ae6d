import { describe, expect, it } from 'vitest';
import { loginPath } from './login-path';

describe('loginPath', () => {
  it('carries the reason and a safe return path', () => {
    expect(loginPath('none')).toBe('/login');
    expect(loginPath('idle')).toBe('/login?reason=idle');
    expect(loginPath('expired', '/accounts/1?page=2')).toBe('/login?reason=expired&next=%2Faccounts%2F1%3Fpage%3D2');
  });
  it('drops a return path that would leave the site', () => {
    expect(loginPath('none', '//evil.example/')).toBe('/login');
  });
});
