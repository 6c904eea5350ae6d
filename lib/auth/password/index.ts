// Password hashing (argon2id) and the policy for new passwords.
// Framework-free: the seed and the e2e harness hash with it (ADR 004).
export { newPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy.ts';
export { hashPassword, primeDummyPasswordHash, verifyPassword, verifyPasswordAgainstDummy } from './password.ts';
