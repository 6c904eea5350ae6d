import 'server-only';
// Security notices by mail (ADR 047, ASVS 6.3.7): the one way the app tells a
// user that their account's authentication changed — a sign-in from a new
// device, a password or factor change, a detected session theft, a lock. Every
// notice is mailed after the response (Next's after()), so neither the answer
// nor the timing of the request that caused it changes; a failed send is logged
// and never fails that request. One mail per kind per user per window, claimed
// in the database: repeated locks or sign-ins cannot mail-bomb anyone. Users
// cannot turn these off.
import { after } from 'next/server';
import { claimSecurityNotice, findNoticeRecipient } from '../../dal/security-notices';
import { securityNoticeMail, sendMail, type MailContent, type SecurityNotice } from '../../mail';

export type { SecurityNotice };

/** Runs work after the response is sent (Next's `after()` in the app; awaited in tests). */
export type Schedule = (work: () => Promise<void>) => void;

/** At most one notice of each kind per user in this window; the mail says so. */
export const NOTICE_WINDOW_MS = 15 * 60_000;

export type NoticeOutcome = 'sent' | 'within-window' | 'no-recipient' | 'failed';

const detached = new Set<Promise<unknown>>();

/**
 * Next's after(): the work runs once the response is out. Outside a request
 * (a script, a unit test) there is no response to wait for: it runs detached,
 * and `settleNotices()` waits for it.
 */
export const afterResponse: Schedule = (work) => {
  try {
    after(work);
  } catch {
    const running = work().finally(() => detached.delete(running));
    detached.add(running);
  }
};

/** Waits for notices started outside a request (tests). */
export async function settleNotices(): Promise<void> {
  while (detached.size > 0) await Promise.allSettled([...detached]);
}

/** Mails `notice` to the user after the response, unless one of its kind went out within the window. Never throws. */
export function notifyUser(userId: string, notice: SecurityNotice, options: { schedule?: Schedule; now?: Date } = {}): void {
  const now = options.now ?? new Date();
  (options.schedule ?? afterResponse)(async () => {
    await deliverNotice(userId, notice, { now });
  });
}

/** The work notifyUser schedules: claim the kind's slot, then mail. `send` is the app's mailer unless a test gives another. */
export async function deliverNotice(
  userId: string,
  notice: SecurityNotice,
  options: { now: Date; send?: (to: string, content: MailContent) => Promise<boolean> },
): Promise<NoticeOutcome> {
  try {
    const to = await findNoticeRecipient(userId);
    if (!to) return 'no-recipient'; // deleted meanwhile
    // Claimed before sending: a send that fails still uses the window (a dead SMTP server is not retried per event).
    if (!(await claimSecurityNotice(userId, notice.kind, options.now, NOTICE_WINDOW_MS))) return 'within-window';
    const content = securityNoticeMail(notice, { when: options.now, windowMinutes: NOTICE_WINDOW_MS / 60_000 });
    return (await (options.send ?? sendMail)(to, content)) ? 'sent' : 'failed'; // the mailer logged why
  } catch (error) {
    console.error(`[notify] a ${notice.kind} notice for user ${userId} failed:`, error instanceof Error ? error.message : error);
    return 'failed';
  }
}
