'use server';
// "Cancel linking" on the login page: the pending SSO link (row and cookie) goes.
import { redirect } from 'next/navigation';
import { cancelPendingSsoLink } from '@/lib/auth/sso';

export async function cancelSsoLink(): Promise<void> {
  await cancelPendingSsoLink();
  redirect('/login');
}
