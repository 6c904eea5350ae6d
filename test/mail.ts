// For unit tests of flows that mail: a real SMTP server (the development
// catcher) and the work the app runs after its response, collected so a test
// can await it.
//
//   const inbox = await catchMail();      // before importing the app's modules: the mailer reads SMTP_URL once
//   const { schedule, settle } = afterResponse();
import { afterAll, beforeEach } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../scripts/lib/mail-catcher.ts';

export type TestInbox = {
  catcher: MailCatcher;
  /** Mails to `email` since this test began (or since `forget()`). */
  mailsTo(email: string): CaughtMail[];
  /** Mails so far are not the rest of this test's. */
  forget(): void;
};

export async function catchMail(): Promise<TestInbox> {
  const catcher = await startMailCatcher();
  process.env.SMTP_URL = catcher.smtpUrl;
  afterAll(() => catcher.close());
  let earlier = new Set<string>();
  const forget = () => {
    earlier = new Set(catcher.messages().map((mail) => mail.id));
  };
  // Mails of earlier tests (same addresses) are not this test's.
  beforeEach(forget);
  return { catcher, forget, mailsTo: (email) => catcher.messages().filter((mail) => !earlier.has(mail.id) && mail.to.includes(email)) };
}

/** Stands in for Next's after(): `schedule` starts the work, `settle` awaits all of it. */
export function afterResponse() {
  let pending: Promise<void>[] = [];
  return {
    schedule: (work: () => Promise<void>) => void pending.push(work()),
    settle: async () => {
      await Promise.all(pending);
      pending = [];
    },
  };
}
