'use server';
// "Stay signed in" from the idle warning: reading the session through the DAL
// touches it (lastSeenAt), which is exactly what extends the idle timer.
import { getCurrentSession } from '@/lib/dal/session';
import { sessionPolicy } from '@/lib/session';
import { idleExpiresAt } from '@/lib/session/policy';

export type StaySignedInResult = { ok: true; idleExpiresAt: string } | { ok: false; reason: string };

export async function staySignedIn(): Promise<StaySignedInResult> {
  const current = await getCurrentSession();
  if (current.status !== 'authenticated') return { ok: false, reason: current.reason };
  return { ok: true, idleExpiresAt: idleExpiresAt(current.session, sessionPolicy).toISOString() };
}
