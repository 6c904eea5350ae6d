// How strongly a session was authenticated (NIST SP 800-63B-4 §5.1; ADR 030).
// Recorded on the session row at every authentication, carried unchanged by a
// regeneration that is not one, and read back conservatively: a value this
// code does not know counts as the weakest.
export const AUTH_LEVELS = ['single-factor', 'multi-factor', 'phishing-resistant'] as const;

export type AuthLevel = (typeof AUTH_LEVELS)[number];

/** The stored column, read as no more than it says. */
export function readAuthLevel(stored: string): AuthLevel {
  return (AUTH_LEVELS as readonly string[]).includes(stored) ? (stored as AuthLevel) : 'single-factor';
}

export function meetsAuthLevel(level: AuthLevel, required: AuthLevel): boolean {
  return AUTH_LEVELS.indexOf(level) >= AUTH_LEVELS.indexOf(required);
}

/** What a session whose authentication passed (or did not pass) a second factor is worth, absent anything better known. */
export const levelOfMfa = (mfaVerified: boolean): AuthLevel => (mfaVerified ? 'multi-factor' : 'single-factor');

/**
 * The strongest factor a user has, as the level a step-up must reach: a
 * user-verifying passkey is phishing-resistant multi-factor on its own; TOTP
 * with the password is multi-factor; the password alone is single-factor.
 */
export function strongestLevelOf(user: { hasPasskey: boolean; totpEnabled: boolean }): AuthLevel {
  if (user.hasPasskey) return 'phishing-resistant';
  return user.totpEnabled ? 'multi-factor' : 'single-factor';
}

/**
 * A step-up for the most sensitive changes (the sign-in address, deleting the
 * account; ADR 046): a fresh authentication is not enough, it must have been
 * made with the strongest factor the user has — /reauth asks for exactly that.
 */
export function provesStrongestFactor(level: AuthLevel, user: { hasPasskey: boolean; totpEnabled: boolean }): boolean {
  return meetsAuthLevel(level, strongestLevelOf(user));
}
