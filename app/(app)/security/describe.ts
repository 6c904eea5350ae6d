// Sessions and security events in plain words. Pure functions (tested beside
// this file); the page renders what they return.
import { describeUserAgent } from '@/lib/http/user-agent';
// demo-bank:begin
import { formatMoney } from '@/app/ui/format';
// demo-bank:end

export { describeUserAgent };
export type { DeviceDescription, DeviceKind } from '@/lib/http/user-agent';

export type EventTone = 'normal' | 'danger';
export type EventRow = { id: string; type: string; sessionId: string | null; ipAddress: string | null; userAgent: string | null; detail: string | null; createdAt: Date };
export type DescribedEvent = { id: string; title: string; tone: EventTone; createdAt: Date; ipAddress: string | null; device: string | null; count: number };

type Detail = Record<string, unknown>;

function parseDetail(detail: string | null): Detail {
  if (!detail) return {};
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === 'object' ? (value as Detail) : {};
  } catch {
    return {};
  }
}

const signInMethods: Record<string, string> = {
  password: 'Signed in with password',
  totp: 'Signed in with password and authenticator code',
  'recovery-code': 'Signed in with a recovery code',
  sso: 'Signed in with single sign-on',
  passkey: 'Signed in with a passkey',
};

/** Plain words for one event, or null for events the list leaves out (their twin says it better). */
export function describeEvent(type: string, detail: Detail): { title: string; tone: EventTone } | null {
  const normal = (title: string) => ({ title, tone: 'normal' as const });
  const danger = (title: string) => ({ title, tone: 'danger' as const });
  const reason = typeof detail.reason === 'string' ? detail.reason : '';
  switch (type) {
    case 'login.success':
      return normal(signInMethods[String(detail.method)] ?? 'Signed in');
    case 'login.failure':
      return danger('Sign-in failed');
    case 'login.locked': {
      // ADR 031: most locks hold only browsers without this account's device proof.
      const scope = detail.refuses === 'unfamiliar' ? ' from browsers you have not signed in with' : '';
      return danger(
        detail.needsUnlock === true
          ? `Account locked after too many failed sign-ins${scope} — contact support to unlock it`
          : `Account locked after too many failed sign-ins${scope}`,
      );
    }
    case 'login.refused': {
      const count = Number(detail.refused);
      return danger(Number.isInteger(count) && count > 0 ? `${count === 1 ? '1 sign-in attempt' : `${count} sign-in attempts`} refused while locked` : 'Sign-in attempts refused while locked');
    }
    case 'login.throttled': // older events: one per refused attempt (ADR 018 replaced them with login.refused)
      return danger('Sign-in attempt refused while locked');
    case 'account.unlocked':
      return normal('Account unlocked by support');
    case 'account.disabled':
      return danger('Account disabled by support');
    case 'account.enabled':
      return normal('Account enabled again by support');
    case 'account.deleted':
      return danger('Account deleted by its owner');
    case 'email.change_requested':
      return normal(detail.mailed === false ? 'Sign-in address change asked for (no mail: too many asked for)' : 'Sign-in address change asked for: confirmation link emailed');
    case 'email.changed':
      return danger('Sign-in address changed (every session signed out)');
    case 'logout':
      return normal('Signed out');
    case 'session.rotated':
      return normal('Session rotated');
    case 'session.secret_resent':
    case 'session.reissued': // the same event's name before ADR 029
      // Usually a dropped connection; twice in a row ends the session (ADR 029).
      return danger('Session key sent again — a response never arrived, or a copy of this session kept it');
    case 'session.expired':
      return normal(reason === 'absolute' ? 'Session reached its maximum length — signed out' : 'Signed out after inactivity');
    case 'session.reuse_detected':
      return danger('Possible session theft detected — session ended');
    case 'session.revoked':
      switch (reason) {
        case 'revoked-by-user': {
          const count = Number(detail.count);
          if (detail.scope === 'others') return normal(`Signed out ${count === 1 ? '1 other session' : `${count} other sessions`}`);
          return normal('A session was signed out from the security centre');
        }
        case 'password-changed':
          return normal('Other sessions signed out after a password change');
        case 'mfa-changed':
          return normal('Other sessions signed out after a two-step verification change');
        case 'passkey-changed':
          return normal('Other sessions signed out after a passkey change');
        case 'account-locked':
          return danger('Sessions ended because the account was locked');
        case 'session-limit':
          return normal('Oldest session signed out: too many sessions at once');
        case 'revoked-by-operator':
          return danger('All sessions ended by the bank’s support team');
        case 'account-disabled':
          return danger('Sessions ended because the account was disabled');
        case 'email-changed':
        case 'account-deleted':
          return null; // reported by email.changed / account.deleted
        default:
          return null; // logout, login-replaced, credential-changed, reuse-detected: reported by their own events
      }
    case 'mfa.setup_started':
      return normal('Two-step verification setup started');
    case 'mfa.setup_cancelled':
      return normal('Two-step verification setup cancelled');
    case 'mfa.guess_limit':
      return danger('Too many wrong authenticator codes after a correct password — account locked; change your password');
    case 'mfa.enabled':
      return normal('Two-step verification turned on');
    case 'mfa.disabled':
      return danger('Two-step verification turned off');
    case 'mfa.failure':
      return danger('Wrong authenticator code entered');
    case 'mfa.recovery_code_used':
      return normal('Recovery code used to sign in');
    case 'passkey.added':
      return normal(`Passkey added${typeof detail.name === 'string' ? `: ${detail.name}` : ''}`);
    case 'passkey.renamed':
      return normal(`Passkey renamed${typeof detail.name === 'string' ? ` to ${detail.name}` : ''}`);
    case 'passkey.removed':
      return danger(`Passkey removed${typeof detail.name === 'string' ? `: ${detail.name}` : ''}`);
    case 'passkey.clone_detected':
      return danger(
        `A copied passkey was refused and suspended${typeof detail.passkey === 'string' ? `: ${detail.passkey}` : ''} (its signature counter went backwards) — remove that passkey`,
      );
    case 'password.changed':
      return normal('Password changed');
    case 'password.change_failure':
      return danger('Password change failed');
    case 'password.reset':
      return danger('Password reset with an emailed link (every session signed out)');
    case 'password.reset_requested':
      return normal('Password reset link requested');
    case 'signup.created':
      return normal(detail.via === 'operator' ? 'Account created by support' : 'Account created');
    case 'signup.existing_address':
      return danger('Someone tried to sign up with your email address (you were emailed)');
    case 'email.verification_sent':
      return normal('Email verification link sent');
    case 'email.verified':
      return normal('Email address verified');
    case 'invitation.sent':
      return normal('Invitation sent');
    case 'invitation.accepted':
      return normal('Invitation accepted: name and password chosen (every other session signed out)');
    case 'reauth.success':
      return normal('Confirmed it’s you (re-authentication)');
    case 'reauth.failure':
      return danger('Re-authentication failed');
    // demo-bank:begin
    case 'transfer.created': {
      const amount = Number(detail.amountMinor);
      const currency = typeof detail.currency === 'string' ? detail.currency : 'EUR';
      return normal(Number.isFinite(amount) ? `Transfer of ${formatMoney(amount, currency)} sent` : 'Transfer sent');
    }
    case 'transfer.rejected':
      // A form with typos is not news; a refused transfer (e.g. an unknown account id) is.
      return reason === 'invalid-form' ? null : danger('Transfer refused');
    case 'transfer.authorisation_requested':
      return null; // "Payment approved" (or nothing, if it never was) says it better
    case 'transfer.authorised':
      return normal('Payment approved (confirmed it’s you for this payment)');
    case 'payee.added':
      return danger(`New payee added${typeof detail.name === 'string' ? `: ${detail.name}` : ''}`);
    case 'payee.removed':
      return normal(`Payee removed${typeof detail.name === 'string' ? `: ${detail.name}` : ''}`);
    case 'payee.change_rejected':
      return danger('A payee change was refused');
    // demo-bank:end
    case 'sso.linked':
      return normal('Single sign-on account linked');
    case 'sso.link_requested':
      return danger(`A single sign-on identity with your email asked to be linked${typeof detail.subject === 'string' ? ` (account ID ${detail.subject} at the provider)` : ''} — it is linked only if you press Link this identity after signing in`);
    case 'sso.unlinked':
      return normal('Single sign-on account unlinked');
    case 'session.created':
      return null;
    default:
      return normal(type.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase()));
  }
}

/**
 * Newest first, at most `limit` rows; runs of "Session rotated" for the same
 * session (every few minutes, all day) fold into one row with a count.
 */
export function describeEvents(rows: readonly EventRow[], limit = 20): DescribedEvent[] {
  const result: DescribedEvent[] = [];
  let previous: { type: string; sessionId: string | null } | null = null;
  for (const row of rows) {
    const described = describeEvent(row.type, parseDetail(row.detail));
    if (!described) continue;
    const last = result.at(-1);
    if (last && previous && row.type === 'session.rotated' && previous.type === row.type && previous.sessionId === row.sessionId) {
      last.count += 1;
      last.title = `Session rotated (${last.count} times)`;
      continue;
    }
    if (result.length === limit) break;
    result.push({
      id: row.id,
      ...described,
      createdAt: row.createdAt,
      ipAddress: row.ipAddress,
      device: row.userAgent ? describeUserAgent(row.userAgent).label : null,
      count: 1,
    });
    previous = { type: row.type, sessionId: row.sessionId };
  }
  return result;
}
