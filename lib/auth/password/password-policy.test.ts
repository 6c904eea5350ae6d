import { describe, expect, it } from 'vitest';
import { isCommonPassword, newPasswordProblem } from './password-policy';

const email = 'alice@example.com';

describe('newPasswordProblem', () => {
  it('accepts long passphrases with any characters', () => {
    for (const ok of ['purple elephant dances', 'Zürich-Straße-1848', '密码是一个很长的句子对吧', '🔒🔑🏦 safe as houses', 'x'.repeat(1024)]) {
      expect(newPasswordProblem(ok, { email }), ok).toBeUndefined();
    }
  });

  it('needs at least 12 characters (counted as people see them) and at most 1024', () => {
    expect(newPasswordProblem('short', { email })).toMatch(/at least 12/);
    expect(newPasswordProblem('🔒'.repeat(11), { email })).toMatch(/at least 12/); // 22 UTF-16 units, 11 characters
    expect(newPasswordProblem('x'.repeat(1025), { email })).toMatch(/at most 1024/);
  });

  it('refuses the email address and common passwords, case-insensitively', () => {
    expect(newPasswordProblem('Alice@Example.com', { email })).toMatch(/email/);
    expect(newPasswordProblem('Password1234', { email })).toMatch(/too common/);
    expect(newPasswordProblem('correct horse battery staple', { email })).toMatch(/too common/);
    expect(isCommonPassword('QWERTY123456')).toBe(true);
  });

  it('refuses the current password as the new one', () => {
    expect(newPasswordProblem('the same old passphrase', { email, currentPassword: 'the same old passphrase' })).toMatch(/different/);
  });
});
