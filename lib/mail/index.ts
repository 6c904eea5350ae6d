import 'server-only';
// The app's mailer, configured from the validated environment (SMTP_URL, MAIL_FROM). ADR 040.
import { env } from '../env';
import { createMailer } from './mailer';
import type { MailContent } from './templates';

const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });

/** Sends one mail; false (logged, without secrets) when the SMTP server refused or was unreachable. */
export function sendMail(to: string, content: MailContent): Promise<boolean> {
  return mailer.send(to, content);
}

export { passwordResetMail, securityNoticeMail, type MailContent, type SecurityNotice } from './templates';
export { accountDeletedMail, emailChangeAddressInUseMail, emailChangeConfirmMail, emailChangedMail } from './templates';
export { invitationMail, signUpExistingAccountMail, verifyEmailMail } from './templates';
