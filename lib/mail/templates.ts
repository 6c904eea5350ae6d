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

// Sign-up, email verification and invitations (ADR 045). No inviter's name or
// other text a user chose appears in these: an invitation is not a way to mail
// strangers words of one's own.

export function verifyEmailMail(input: { link: string; validHours: number }): MailContent {
  return {
    subject: 'Verify your email for Strongroom',
    text: [
      'Someone (hopefully you) opened a Strongroom account with this email address.',
      '',
      `To verify the address, open this link within ${input.validHours} hours. It works once:`,
      '',
      plainValue(input.link, 2048),
      '',
      'Until the address is verified, the account cannot move money.',
      '',
      'If you did not sign up, ignore this mail: nobody can verify the address without this link.',
      ...signature,
    ].join('\n'),
  };
}

export function signUpExistingAccountMail(input: { origin: string }): MailContent {
  return {
    subject: 'Someone tried to sign up with your email',
    text: [
      'Someone (perhaps you) tried to open a Strongroom account with this email address, which already has an account.',
      'Nothing was changed, and no new account was made.',
      '',
      'If it was you, sign in instead. Forgot your password? Ask for a reset link here:',
      '',
      plainValue(`${input.origin}/forgot-password`, 2048),
      '',
      'If it was not you, you need do nothing.',
      ...signature,
    ].join('\n'),
  };
}

export function invitationMail(input: { link: string; validHours: number }): MailContent {
  return {
    subject: 'You are invited to Strongroom',
    text: [
      'You have been invited to open a Strongroom account with this email address.',
      '',
      `To accept, open this link within ${input.validHours} hours and choose your name and password. It works once:`,
      '',
      plainValue(input.link, 2048),
      '',
      'If you did not expect this, ignore this mail: no account is opened without this link.',
      ...signature,
    ].join('\n'),
  };
}
