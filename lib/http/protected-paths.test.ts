import { describe, expect, it } from 'vitest';
import { isProtectedPath } from './protected-paths';

describe('isProtectedPath', () => {
  it.each(['/dashboard', '/dashboard/', '/accounts/abc', '/transfers/new', '/security/mfa', '/reauth', '/profile', '/api/me', '/api/anything'])(
    '%s is protected',
    (path) => expect(isProtectedPath(path)).toBe(true),
  );

  it.each(['/', '/login', '/login/mfa', '/api/session', '/api/auth/callback/oidc', '/dashboardx', '/securityx'])('%s is not', (path) => {
    expect(isProtectedPath(path)).toBe(false);
  });

  it('matches prefixes at segment boundaries only: a new /api/sessions-export route is not public by accident', () => {
    expect(isProtectedPath('/api/sessions-export')).toBe(true);
    expect(isProtectedPath('/api/sessionx')).toBe(true);
    expect(isProtectedPath('/api/authority')).toBe(true);
  });
});
