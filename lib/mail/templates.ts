// Every mail the app sends, from fixed plain-text templates: no HTML part at
// all, and user data only as plain values with control characters taken out,
// so nothing a user typed can add a header, a line or markup.

export type MailContent = { subject: string; text: string };

/** A value from user data or a URL, safe inside one line of a plain-text body. */
export function plainValue(value: string, maxLength = 500): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').slice(0, maxLength);
}

const signature = ['', '— Strongroom security', '(This is an automated message; replies are not read.)'];

export function passwordResetMail(input: { link: string; validMinutes: number }): MailContent {
  return {
    subject: 'Reset your Strongroom password',
    text: [
      'Someone (hopefully you) asked to reset the password of your Strongroom account.',
      '',
      `To choose a new password, open this link within ${input.validMinutes} minutes. It works once:`,
      '',
      plainValue(input.link, 2048),
      '',
      'If you have an authenticator app or a passkey, you will need it (or a recovery code) to finish.',
      'Resetting your password signs you out everywhere.',
      '',
      'If you did not ask for this, ignore this mail: your password stays as it is.',
      ...signature,
    ].join('\n'),
  };
}

export function passwordChangedMail(input: { when: Date }): MailContent {
  return {
    subject: 'Your Strongroom password was changed',
    text: [
      `The password of your Strongroom account was changed by a reset link on ${plainValue(input.when.toUTCString())}.`,
      'Every session of your account was signed out.',
      '',
      'If this was not you, contact support at once: someone may have access to your email.',
      ...signature,
    ].join('\n'),
  };
}

// Email change and account deletion (ADR 046).

/** An address as a notice shows it to whoever reads the old mailbox: enough to recognise, not to copy ("n***@example.com"). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function emailChangeConfirmMail(input: { link: string; validMinutes: number }): MailContent {
  return {
    subject: 'Confirm your new Strongroom sign-in address',
    text: [
      'Someone (hopefully you) asked to make this address the sign-in address of a Strongroom account.',
      '',
      `To confirm, open this link within ${input.validMinutes} minutes. It works once:`,
      '',
      plainValue(input.link, 2048),
      '',
      'Confirming signs the account out everywhere; from then on it signs in with this address.',
      '',
      'If you did not ask for this, ignore this mail: nothing changes.',
      ...signature,
    ].join('\n'),
  };
}

/** To an address that already has an account, when another account asked to move to it: that change never completes. */
export function emailChangeAddressInUseMail(): MailContent {
  return {
    subject: 'Your address was entered for another Strongroom account',
    text: [
      'Someone asked to make this address the sign-in address of another Strongroom account.',
      'This address already belongs to your account, so nothing was changed, and nothing will be.',
      '',
      'You do not need to do anything.',
      ...signature,
    ].join('\n'),
  };
}

export function emailChangedMail(input: { newEmail: string; when: Date }): MailContent {
  return {
    subject: 'Your Strongroom sign-in address was changed',
    text: [
      `The sign-in address of your Strongroom account was changed to ${plainValue(maskEmail(input.newEmail))} on ${plainValue(input.when.toUTCString())}.`,
      'Every session of your account was signed out. This address no longer signs in, and reset links sent to it no longer work.',
      '',
      'If this was not you, contact support at once: someone may have access to your account.',
      ...signature,
    ].join('\n'),
  };
}

export function accountDeletedMail(input: { when: Date }): MailContent {
  return {
    subject: 'Your Strongroom account was deleted',
    text: [
      `Your Strongroom account was deleted on ${plainValue(input.when.toUTCString())}, as you asked.`,
      'Every session was signed out, and your profile, sign-in factors and data were removed.',
      'This address no longer signs in; you may use it to create a new account.',
      '',
      'If this was not you, contact support at once.',
      ...signature,
    ].join('\n'),
  };
}
