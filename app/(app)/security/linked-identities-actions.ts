'use server';
// Unlink from the security centre: a public POST endpoint that checks the
// session, a fresh authentication (step-up, ASVS 7.5) and ownership itself —
// another user's identity id is simply "not found". docs/decisions/020-sso-link-consent.md
import { formText } from '@/lib/auth/input';
import { redirect } from 'next/navigation';
import { requireFreshAuth } from '@/lib/dal/session';
import { fetchLinkedIdentities, unlinkUserIdentity } from '@/lib/dal/sso-links';
import { notifyUser } from '@/lib/auth/notify';
import { ssoProviderName } from '@/lib/auth/sso';

export async function unlinkIdentity(formData: FormData): Promise<void> {
  const current = await requireFreshAuth('/security');
  const identityId = formText(formData, 'identityId', 64);
  if (identityId.length === 0 || identityId.length > 64) redirect('/security?notice=sso-not-found');
  const identity = (await fetchLinkedIdentities(current.user.id)).find((linked) => linked.id === identityId);
  const result = await unlinkUserIdentity(current.user.id, identityId, current.context);
  if (result === 'unlinked' && identity) notifyUser(current.user.id, { kind: 'sso-unlinked', provider: ssoProviderName(identity.issuer) });
  redirect(`/security?notice=sso-${result}`);
}
