import type { Metadata } from 'next';
import Link from 'next/link';
import { env } from '@/lib/env';
import { usersMayInvite } from '@/lib/auth/sign-up';
import { requireUser } from '@/lib/dal/session';
import { isEmailVerified } from '@/lib/dal/sign-up';
import type { AuthLevel } from '@/lib/session/auth-level';
import { InviteForm, ResendVerificationForm } from './profile-forms';

export const metadata: Metadata = { title: 'Profile' };

const levelText: Record<AuthLevel, string> = {
  'single-factor': 'your password',
  'multi-factor': 'your password and a second factor',
  'phishing-resistant': 'a passkey',
};

// The signed-in page every app built on Strongroom keeps: who you are and how
// this session was authenticated (what /api/me says as JSON). It needs no fresh
// authentication, so it is where sign-in lands once the demo bank is removed
// (lib/http/home.ts, ADR 038).
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProfilePage({ searchParams }: Props) {
  const { user, authLevel } = await requireUser();
  const justVerified = (await searchParams).email === 'verified';
  const verified = await isEmailVerified(user.id);
  const factors = [user.totpEnabled ? 'authenticator app' : null, user.hasPasskey ? 'passkey' : null].filter(Boolean).join(' and ');
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Profile</h1>
          <p className="subtitle">Who you are signed in as.</p>
        </div>
      </div>
      {verified && justVerified ? (
        <p className="alert alert-info" role="status" data-spaced="bottom">
          Your email address is verified.
        </p>
      ) : null}
      {verified ? null : (
        <section className="card" aria-labelledby="verify-heading">
          <h2 id="verify-heading">Verify your email address</h2>
          {/* demo-bank:begin */}
          <p>We emailed a link to {user.email}. Open it to verify your address: until you do, your account cannot move money.</p>
          {/* demo-bank:instead <p>We emailed a link to {user.email}. Open it to verify your address.</p> */}
          {/* demo-bank:end */}
          <ResendVerificationForm />
        </section>
      )}
      <section className="card" aria-labelledby="identity-heading">
        <h2 id="identity-heading">Your identity</h2>
        <dl className="receipt">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Email verified</dt>
            <dd>{verified ? 'Yes' : 'Not yet'}</dd>
          </div>
          <div>
            <dt>This session</dt>
            <dd>Signed in with {levelText[authLevel]}</dd>
          </div>
          <div>
            <dt>Second factor</dt>
            <dd>{factors ? `On (${factors})` : 'Off'}</dd>
          </div>
        </dl>
        <p>
          <Link className="button button-primary" href="/security">
            Open the security centre
          </Link>
        </p>
      </section>
      {usersMayInvite(env.SIGN_UP) ? (
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <p>We will email them a link to open an account with that address. The link works once, for 24 hours.</p>
          <InviteForm />
        </section>
      ) : null}
    </>
  );
}
