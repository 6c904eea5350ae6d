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

/**
 * A security notice (ADR 047): what changed on the account, when and, for a
 * sign-in, from which browser and address. Every value is something the app
 * recorded; a device label and an address come from the request (untrusted),
 * so they go in short, as plain values.
 */
export type SecurityNotice =
  | { kind: 'new-sign-in'; device: string; ipAddress: string | null }
  | { kind: 'password-changed'; by: 'reset-link' | 'security-centre' }
  | { kind: 'totp-enabled' }
  | { kind: 'totp-disabled' }
  | { kind: 'recovery-code-used'; during: 'sign-in' | 'password-reset' | 'step-up' | 'factor-change'; remaining?: number }
  | { kind: 'passkey-added'; name: string }
  | { kind: 'passkey-removed'; name: string }
  | { kind: 'sso-linked'; provider: string }
  | { kind: 'sso-unlinked'; provider: string }
  | { kind: 'session-theft'; device: string }
  | { kind: 'account-locked'; until: Date | null };

const short = (value: string) => plainValue(value, 80);

function noticeLines(notice: SecurityNotice, when: string): { subject: string; lines: string[] } {
  const notYou = 'If this was not you, change your password now and review your sessions and sign-in methods in the security centre.';
  switch (notice.kind) {
    case 'new-sign-in':
      return {
        subject: `New sign-in to your ${APP_NAME} account`,
        lines: [
          `Your ${APP_NAME} account was signed in to on ${when} from a browser it had not seen before:`,
          '',
          `  Device:  ${short(notice.device)}`,
          `  Address: ${notice.ipAddress ? short(notice.ipAddress) : 'unknown'}`,
          '',
          'If this was you, there is nothing to do.',
          'If it was not, someone has your password (and your second factor, if you have one): change your password now and sign out the sessions you do not know in the security centre.',
        ],
      };
    case 'password-changed':
      return {
        subject: `Your ${APP_NAME} password was changed`,
        lines:
          notice.by === 'reset-link'
            ? [
                `The password of your ${APP_NAME} account was changed by a reset link on ${when}.`,
                'Every session of your account was signed out.',
                '',
                'If this was not you, contact support at once: someone may have access to your email.',
              ]
            : [
                `The password of your ${APP_NAME} account was changed in the security centre on ${when}.`,
                'Every other session of your account was signed out.',
                '',
                'If this was not you, reset your password at once ("Forgot password?" on the sign-in page) and contact support: someone is signed in as you.',
              ],
      };
    case 'totp-enabled':
      return {
        subject: 'Two-step verification was turned on',
        lines: [`Two-step verification with an authenticator app was turned on for your ${APP_NAME} account on ${when}, with new recovery codes.`, 'Your other sessions were signed out.', notYou],
      };
    case 'totp-disabled':
      return {
        subject: 'Two-step verification was turned off',
        lines: [`Two-step verification with an authenticator app was turned off for your ${APP_NAME} account on ${when}; its recovery codes no longer work.`, 'Your other sessions were signed out.', notYou],
      };
    case 'recovery-code-used': {
      const during = { 'sign-in': 'to sign in', 'password-reset': 'to reset your password', 'step-up': 'to confirm it was you', 'factor-change': 'to confirm a change of sign-in methods' }[notice.during];
      const left = notice.remaining === undefined ? [] : [`Recovery codes left: ${notice.remaining}.`];
      return { subject: 'A recovery code was used', lines: [`One of your ${APP_NAME} recovery codes was used ${during} on ${when}. Each code works once.`, ...left, notYou] };
    }
    case 'passkey-added':
      return { subject: 'A passkey was added to your account', lines: [`A passkey named "${short(notice.name)}" was added to your ${APP_NAME} account on ${when}.`, 'Your other sessions were signed out.', notYou] };
    case 'passkey-removed':
      return { subject: 'A passkey was removed from your account', lines: [`The passkey named "${short(notice.name)}" was removed from your ${APP_NAME} account on ${when}.`, 'Your other sessions were signed out.', notYou] };
    case 'sso-linked':
      return { subject: 'A sign-in identity was linked to your account', lines: [`An identity at ${short(notice.provider)} was linked to your ${APP_NAME} account on ${when}: it can now sign you in.`, notYou] };
    case 'sso-unlinked':
      return { subject: 'A sign-in identity was unlinked from your account', lines: [`The identity at ${short(notice.provider)} was unlinked from your ${APP_NAME} account on ${when}: it no longer signs you in.`, notYou] };
    case 'session-theft':
      return {
        subject: `Possible session theft on your ${APP_NAME} account`,
        lines: [
          `On ${when} a copy of the cookie of one of your sessions (signed in on ${short(notice.device)}) was used alongside the original.`,
          'That session was ended for both holders. Sign in again where you need to.',
          'A copied cookie usually means malware or a browser extension on that device: check it, then change your password.',
        ],
      };
    case 'account-locked':
      return {
        subject: `Sign-in to your ${APP_NAME} account was locked`,
        lines: [
          `After repeated failed sign-in attempts, sign-in to your ${APP_NAME} account was locked on ${when}, ${notice.until ? `until ${plainValue(notice.until.toUTCString())}` : 'until support unlocks it'}.`,
          'Browsers you already signed in with can still sign in, unless the failures came from one of your own sessions.',
          'If these attempts were not yours, someone may be guessing your password: choose a long, unique one.',
        ],
      };
  }
}

/** The mail for a security notice; the footer says why it cannot be turned off and how often it comes. */
export function securityNoticeMail(notice: SecurityNotice, input: { when: Date; windowMinutes: number }): MailContent {
  const { subject, lines } = noticeLines(notice, plainValue(input.when.toUTCString()));
  return {
    subject,
    text: [
      ...lines,
      '',
      'Security notices cannot be turned off: they are how you learn that someone else is using your account.',
      `Notices of one kind come at most once every ${input.windowMinutes} minutes; the security centre lists every event.`,
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
    subject: `Confirm your new ${APP_NAME} sign-in address`,
    text: [
      `Someone (hopefully you) asked to make this address the sign-in address of a ${APP_NAME} account.`,
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
    subject: `Your address was entered for another ${APP_NAME} account`,
    text: [
      `Someone asked to make this address the sign-in address of another ${APP_NAME} account.`,
      'This address already belongs to your account, so nothing was changed, and nothing will be.',
      '',
      'You do not need to do anything.',
      ...signature,
    ].join('\n'),
  };
}

export function emailChangedMail(input: { newEmail: string; when: Date }): MailContent {
  return {
    subject: `Your ${APP_NAME} sign-in address was changed`,
    text: [
      `The sign-in address of your ${APP_NAME} account was changed to ${plainValue(maskEmail(input.newEmail))} on ${plainValue(input.when.toUTCString())}.`,
      'Every session of your account was signed out. This address no longer signs in, and reset links sent to it no longer work.',
      '',
      'If this was not you, contact support at once: someone may have access to your account.',
      ...signature,
    ].join('\n'),
  };
}

export function accountDeletedMail(input: { when: Date }): MailContent {
  return {
    subject: `Your ${APP_NAME} account was deleted`,
    text: [
      `Your ${APP_NAME} account was deleted on ${plainValue(input.when.toUTCString())}, as you asked.`,
      'Every session was signed out, and your profile, sign-in factors and data were removed.',
      'This address no longer signs in; you may use it to create a new account.',
      '',
      'If this was not you, contact support at once.',
      ...signature,
    ].join('\n'),
  };
}

// Sign-up, email verification and invitations (ADR 045). No inviter's name or
// other text a user chose appears in these: an invitation is not a way to mail
// strangers words of one's own.

export function verifyEmailMail(input: { link: string; validHours: number }): MailContent {
  return {
    subject: `Verify your email for ${APP_NAME}`,
    text: [
      `Someone (hopefully you) opened a ${APP_NAME} account with this email address.`,
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
      `Someone (perhaps you) tried to open a ${APP_NAME} account with this email address, which already has an account.`,
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
    subject: `You are invited to ${APP_NAME}`,
    text: [
      `You have been invited to open a ${APP_NAME} account with this email address.`,
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
