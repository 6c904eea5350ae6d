// The security centre's word on a sign-in lock of this account (ADR 018). A
// lock from the sign-in page leaves this session alone, so the owner can be
// signed in and still need to know that new sign-ins — and step-ups — are
// refused, and until when.
import { loginThrottle } from '@/lib/auth/sign-in';
import { formatDateTime } from '@/app/ui/format';

export async function SignInLockNotice({ email, now }: { email: string; now: Date }) {
  const status = await loginThrottle.lockStatus(email, now);
  if (status.state === 'open') return null;
  return (
    <p className="alert alert-error" role="status" data-testid="sign-in-lock">
      {status.state === 'needs-unlock'
        ? 'Sign-in to your account is locked after repeated failed attempts and stays locked until support unlocks it. You stay signed in here; confirming it’s you (for transfers or security changes) is refused until then.'
        : `Sign-in to your account is locked until ${formatDateTime(status.until)} after repeated failed attempts${status.cycle > 1 ? ` (lock ${status.cycle} in a row: each lasts twice the last)` : ''}. You stay signed in here. If these attempts were not yours, someone may be guessing your password.`}
    </p>
  );
}
