// Changing the sign-in address (ADR 046): asked for by the stepped-up owner,
// confirmed by the link mailed to the new address, told to the old one. Server only.
export {
  CHANGE_LINK_WINDOW_MS,
  EMAIL_CHANGE_TTL_MS,
  EMAIL_INVALID,
  EMAIL_UNCHANGED,
  emailChangeRequested,
  isPlausibleEmail,
  MAX_CHANGE_LINKS_PER_WINDOW,
  requestEmailChange,
} from './request.ts';
export type { EmailChangeRequest } from './request.ts';
export { CHANGE_ADDRESS_TAKEN, CHANGE_LINK_INVALID, confirmEmailChange, inspectEmailChangeLink } from './confirm.ts';
export type { EmailChangeConfirmation, EmailChangeLinkState } from './confirm.ts';
export { EMAIL_CHANGE_COOKIE } from './cookie.ts';
