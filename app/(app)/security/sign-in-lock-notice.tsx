// The security centre's word on a sign-in lock of this account (ADR 018, 031).
// A lock from the sign-in page leaves this session alone, so the owner can be
// signed in and still need to know that new sign-ins are refused — from which
// browsers, and until when.
import { loginThrottle } from '@/lib/auth/sign-in';
import { formatDateTime } from '@/app/ui/format';

export async function SignInLockNotice({ email, now }: { email: string; now: Date }) {
  const status = await loginThrottle.lockStatus(email, now);
  if (status.state === 'open') return null;
  // An unfamiliar-client lock is anyone's doing; known browsers and this session are not bound by it.
  const scope =
    status.trust === 'unfamiliar'
      ? 'from browsers you have not signed in with before. Browsers where you have signed in are not affected'
      : 'from every browser. You stay signed in here';
  return (
    <p className="alert alert-error" role="status" data-testid="sign-in-lock">
      {status.state === 'needs-unlock'
        ? `Sign-in to your account is locked after repeated failed attempts ${scope}; the lock stays until support unlocks it.`
        : `Sign-in to your account is locked until ${formatDateTime(status.until)} after repeated failed attempts${status.cycle > 1 ? ` (lock ${status.cycle} in a row: each lasts twice the last)` : ''}, ${scope}. If these attempts were not yours, someone may be guessing your password.`}
    </p>
  );
}
