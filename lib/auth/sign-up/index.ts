// Sign-up with email verification, and invitations (ADR 045). Server only.
export { accountNameProblem, emailAddressProblem, signUpIsOpen, usersMayInvite } from './settings.ts';
export type { SignUpMode } from './settings.ts';
export { requestSignUp, SIGN_UP_CLOSED, SIGN_UP_LIMITED, SIGN_UP_REQUESTED } from './request.ts';
export type { SignUpField, SignUpInput, SignUpResult } from './request.ts';
export { inspectVerificationLink, resendVerification, VERIFY_COOKIE, VERIFY_LINK_INVALID, VERIFY_OTHER_ACCOUNT, verifyEmail } from './verification.ts';
export type { ResendResult, VerificationLinkState } from './verification.ts';
export { mailInvitation } from './invitation.ts';
export type { InvitationOutcome, Inviter } from './invitation.ts';
export { acceptInvitation, inspectInvitation, INVITATION_COOKIE, INVITATION_LINK_INVALID } from './accept.ts';
export type { AcceptField, AcceptResult } from './accept.ts';
export { INVITATION_SENT, INVITATIONS_LIMITED, INVITATIONS_OFF, inviteAddress } from './invite-request.ts';
