'use server';
// Session management from the security centre. Both actions are public POST
// endpoints: they check the session, a fresh authentication (ASVS 7.5.2) and
// ownership themselves — another user's session id is simply "not found".
import { formText } from '@/lib/auth/input';
import { redirect } from 'next/navigation';
import { requireFreshAuth } from '@/lib/dal/session';
import { revokeOtherSessions, revokeUserSession } from '@/lib/dal/security';

export async function revokeSession(formData: FormData): Promise<void> {
  const current = await requireFreshAuth('/security');
  const sessionId = formText(formData, 'sessionId', 128);
  if (sessionId.length === 0 || sessionId.length > 128) redirect('/security?notice=not-found');
  const result = await revokeUserSession(current.user.id, current.session.id, sessionId, current.context);
  redirect(`/security?notice=${result}`);
}

export async function signOutOtherSessions(): Promise<void> {
  const current = await requireFreshAuth('/security');
  const count = await revokeOtherSessions(current.user.id, current.session.id, current.context);
  redirect(`/security?notice=others&count=${count}`);
}
