// The same normalisation the password sign-in applies (lib/auth/sign-in.ts), so
// an email from an identity provider finds the account the seed or sign-up made.
// Kept here, framework-free, because lib/auth/sign-in.ts is server-only.
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
