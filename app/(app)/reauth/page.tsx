import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/dal/session';
// demo-bank:begin
import { fetchPendingAuthorisation } from '@/lib/dal/transfers';
import { isAuthorisationId } from '@/lib/banking/transfer-authorisation';
import { PAYMENT_NEEDS_SECOND_FACTOR } from '@/lib/banking/sca-policy';
import { PaymentToApprove } from './payment-to-approve';
// demo-bank:end
import { HOME } from '@/lib/http/home';
import { safeNextPath } from '@/lib/http/safe-redirect';
import { SignInLockNotice } from '../security/sign-in-lock-notice';
import { ReauthForm } from './reauth-form';
import { PasskeyStepUp } from './passkey-step-up';
import styles from './reauth.module.css';

export const metadata: Metadata = { title: 'Confirm it’s you' };

// Where requireFreshAuth() sends a user whose last authentication is older than
// the fresh-auth window (ASVS 7.5). After success they return to `next`.
// With `authorisation`, the step-up approves one payment (PSD2 RTS Art. 5): the
// page shows that payment's amount and payee, read from the server-side record
// the approval will be bound to — never from the URL.
// The user confirms with the strongest factor they have (ADR 030): a passkey
// holder with the passkey only. A payment needs two factors, so an account with
// the password alone is sent to set one up first.
export default async function ReauthPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const current = await requireUser();
  const { user } = current;
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined);
  const { hasPasskey } = user;
  const factors = hasPasskey ? 'use your passkey' : `enter your password${user.totpEnabled ? ' and a code from your authenticator app' : ''}`;
  // demo-bank:begin
  const requested = isAuthorisationId(params.authorisation) ? params.authorisation : null;
  const payment = requested ? await fetchPendingAuthorisation(user.id, current.session.id, requested) : null;
  const needsSecondFactor = payment !== null && !hasPasskey && !user.totpEnabled;
  // demo-bank:end
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="reauth-heading">
      <h1 id="reauth-heading">Confirm it’s you</h1>
      {/* A locked account refuses step-up too; say so here, where the user meets it. */}
      <SignInLockNotice email={user.email} now={new Date()} />
      {/* demo-bank:begin */}
      {payment ? (
        <>
          <p id="reauth-help">To send this payment, {factors}. Your approval is for this amount and payee only.</p>
          <PaymentToApprove payment={payment} />
        </>
      ) : (
        <>
          {requested ? (
            <p className="alert alert-info" role="status">
              That payment approval has expired or was already used. After you confirm, check the transfer and send it again.
            </p>
          ) : null}
          <p id="reauth-help">This action needs a recent sign-in. To continue, {factors}.</p>
        </>
      )}
      {/* demo-bank:instead <p id="reauth-help">This action needs a recent sign-in. To continue, {factors}.</p> */}
      {/* demo-bank:end */}
      {
        // demo-bank:begin
        needsSecondFactor ? (
          <>
            <p className="alert alert-info" role="status">
              {PAYMENT_NEEDS_SECOND_FACTOR}
            </p>
            <p>
              <Link className="button button-primary" href="/security/mfa">
                Set up an authenticator app
              </Link>{' '}
              <Link className="button" href="/security">
                Add a passkey
              </Link>
            </p>
          </>
        ) : hasPasskey ? (
          <PasskeyStepUp next={next} authorisation={payment?.id} />
        ) : (
          <ReauthForm next={next} email={user.email} totpEnabled={user.totpEnabled} authorisation={payment?.id} />
        )
        // demo-bank:instead hasPasskey ? <PasskeyStepUp next={next} /> : <ReauthForm next={next} email={user.email} totpEnabled={user.totpEnabled} />
        // demo-bank:end
      }
      <p className="hint">
        <Link href={HOME.path}>Cancel and go to the {HOME.label}</Link>
      </p>
    </section>
  );
}
