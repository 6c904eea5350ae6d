// Links sent by email (ADR 040): one token shape, one redemption rule and one
// way of taking the token out of the URL, for every flow that mails a link. Server only.
export { emailTokenSecretMatches, newEmailToken, parseEmailToken } from './token.ts';
export type { EmailTokenParts } from './token.ts';
export { issueEmailLink, redeemableEmailToken } from './link.ts';
export { clearLinkCookie, moveLinkTokenToCookie, readLinkCookie } from './link-cookie.ts';
export type { LinkCookie } from './link-cookie.ts';
export type { EmailTokenPurpose } from '../../dal/email-tokens.ts';
