// Security notices by mail (ADR 047): notifyUser(userId, notice) for every
// authentication change, the new-device rule, and the session-theft seam. Server only.
export { afterResponse, deliverNotice, NOTICE_WINDOW_MS, notifyUser, settleNotices } from './notify.ts';
export type { NoticeOutcome, Schedule, SecurityNotice } from './notify.ts';
export { signInNotice } from './new-sign-in.ts';
export { watchSessionTheft } from './theft.ts';
