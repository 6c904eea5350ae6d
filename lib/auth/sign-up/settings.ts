// Who may create an account (SIGN_UP, ADR 045). Framework-free.
export type SignUpMode = 'open' | 'invite-only' | 'off';

/** /sign-up takes new accounts only when sign-up is open. */
export const signUpIsOpen = (mode: SignUpMode): boolean => mode === 'open';

/** A signed-in user may invite when sign-up is open or invite-only (the operator's `npm run users:create` always may). */
export const usersMayInvite = (mode: SignUpMode): boolean => mode !== 'off';

/** A display name: 1–100 characters once trimmed, no control characters. The problem, or undefined. */
export function accountNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter your name.';
  if (trimmed.length > 100) return 'Keep your name to 100 characters or fewer.';
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed)) return 'Your name cannot contain control characters.';
  return undefined;
}

/** An email we could send to: one @, something on each side, no spaces, at most 254 characters. */
export function emailAddressProblem(email: string): string | undefined {
  const trimmed = email.trim();
  if (!trimmed) return 'Enter your email address.';
  if (trimmed.length > 254) return 'That email address is too long.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return 'Enter an email address such as name@example.com.';
  return undefined;
}
