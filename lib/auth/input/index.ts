// Reading what a user typed: form fields and email addresses, one normalisation for all.
// Framework-free (scripts use it too).
export { normalizeEmail } from './email.ts';
export { formText } from './form-input.ts';
