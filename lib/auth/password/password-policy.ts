// Rules for a new password (NIST SP 800-63B §5.1.1.2, OWASP ASVS V6.2): length
// is what matters — at least 12 characters, any characters at all, up to 1024
// (enough for any passphrase, short enough that argon2 never hashes megabytes);
// no composition rules; refuse the email itself and well-known passwords.
// Framework-free.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

// The most common passwords of at least 12 characters in public breach corpora
// (shorter ones fail the length rule anyway). A small list is a floor, not a
// breached-password service; see docs/decisions/013-step-up-and-credential-changes.md.
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678910',
  '123456789123',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qwertyuiopasdfghjkl',
  'qwertyuiop123',
  'qwertyuiop1234',
  'qwerty123456',
  'qwerty1234567',
  'asdfghjkl123',
  'zxcvbnm123456',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'administrator1',
  'changeme1234',
  'changemeplease',
  'trustno1trustno1',
  'monkey123456',
  'football1234',
  'baseball1234',
  'superman1234',
  'sunshine1234',
  'princess1234',
  'starwars1234',
  'abc123456789',
  'abcdefghijkl',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  'correcthorsebatterystaple',
  'correct-horse-battery-staple',
  'correct horse battery staple',
]);

/** Lower-cased, NFKC, inner whitespace collapsed — so "Password 1234" matches "password1234"-style entries loosely. */
function canonical(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

export function isCommonPassword(candidate: string): boolean {
  const lowered = canonical(candidate);
  return COMMON_PASSWORDS.has(lowered) || COMMON_PASSWORDS.has(lowered.replace(/\s+/g, ''));
}

/** Why `candidate` cannot be the new password, in words for the form; undefined when it can. */
export function newPasswordProblem(candidate: string, context: { email: string; currentPassword?: string }): string | undefined {
  // Count code points, not UTF-16 units: "🔒" is one character to a person.
  const length = [...candidate.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH) return `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (candidate.length > PASSWORD_MAX_LENGTH) return `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lowered = canonical(candidate);
  const email = canonical(context.email);
  if (lowered === email || lowered === email.split('@')[0]) return 'Your password cannot be your email address.';
  if (isCommonPassword(candidate)) return 'That password is too common. Choose one that is harder to guess.';
  if (context.currentPassword !== undefined && candidate.normalize('NFKC') === context.currentPassword.normalize('NFKC')) {
    return 'Your new password must be different from the current one.';
  }
  return undefined;
}
