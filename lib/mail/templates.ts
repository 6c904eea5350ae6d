// Every mail the app sends, from fixed plain-text templates: no HTML part at
// all, and user data only as plain values with control characters taken out,
// so nothing a user typed can add a header, a line or markup.
import { APP_NAME } from '../config/app-name.ts';

export type MailContent = { subject: string; text: string };

/** A value from user data or a URL, safe inside one line of a plain-text body. */
export function plainValue(value: string, maxLength = 500): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').slice(0, maxLength);
}

const signature = ['', `— ${APP_NAME} security`, '(This is an automated message; replies are not read.)'];

export function passwordResetMail(input: { link: string; validMinutes: number }): MailContent {
  return {
    subject: `Reset your ${APP_NAME} password`,
    text: [
      `Someone (hopefully you) asked to reset the password of your ${APP_NAME} account.`,
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
    subject: `Your ${APP_NAME} password was changed`,
    text: [
      `The password of your ${APP_NAME} account was changed by a reset link on ${plainValue(input.when.toUTCString())}.`,
      'Every session of your account was signed out.',
      '',
      'If this was not you, contact support at once: someone may have access to your email.',
      ...signature,
    ].join('\n'),
  };
}
