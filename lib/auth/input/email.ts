// One normalisation for every way an email reaches us (sign-in form, identity
// provider, seed), so the same person always finds the same account and the
// same throttle key. Framework-free: unit tests and scripts use it too.
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
