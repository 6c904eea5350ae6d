import 'server-only';
// Where the second-factor step sends the browser once the step is over, for
// the code and the passkey alike; any other outcome is the caller's to show.
import { redirect } from 'next/navigation';
import { SIGN_IN_BLOCKED_PATH } from '@/lib/auth/sign-in';

type Leaving = { status: 'signed-in'; next: string } | { status: 'restart' } | { status: 'blocked' };

export function leaveSecondFactorStep<R extends { status: string }>(result: R | Leaving): Exclude<R, Leaving> {
  switch (result.status) {
    case 'signed-in':
      redirect((result as Extract<Leaving, { status: 'signed-in' }>).next);
    case 'restart':
      redirect('/login?reason=mfa-expired');
    case 'blocked':
      // The pending login is gone with the lock; the login page says only this.
      redirect(SIGN_IN_BLOCKED_PATH);
    default:
      return result as Exclude<R, Leaving>;
  }
}
