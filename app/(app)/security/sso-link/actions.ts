'use server';
// The confirmation page's two buttons. "Link this identity" links only the pending
// link this session's own password sign-in armed (ADR 032); "Don't link" drops it.
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/dal/session';
import { HOME } from '@/lib/http/home';
import { notifyUser } from '@/lib/auth/notify';
import { cancelPendingSsoLink, confirmSsoLink, ssoProviderName } from '@/lib/auth/sso';

export async function linkSsoIdentity(): Promise<void> {
  const current = await requireUser();
  const outcome = await confirmSsoLink(current.user.id, current.session.id, current.context);
  switch (outcome.status) {
    case 'linked':
      notifyUser(current.user.id, { kind: 'sso-linked', provider: ssoProviderName(outcome.issuer) });
      redirect('/security?notice=sso-linked#sso');
    case 'refused':
      redirect('/security?notice=sso-conflict#sso');
    case 'none':
      redirect('/security?notice=sso-link-expired#sso');
  }
}

export async function declineSsoIdentity(): Promise<void> {
  await requireUser();
  await cancelPendingSsoLink();
  redirect(HOME.path);
}
