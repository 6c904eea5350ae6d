'use server';
// "Delete account": lib/auth/account-deletion/delete.ts does the work.
import { after } from 'next/server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireStrongestFreshAuth } from '@/lib/dal/session';
import { formText } from '@/lib/auth/input';
import { deleteAccount } from '@/lib/auth/account-deletion';
import { deleteSessionCookie } from '@/lib/session';

export type DeleteAccountState = { error?: string };

const PAGE = '/security/delete';

export async function deleteAccountAction(_previous: DeleteAccountState, formData: FormData): Promise<DeleteAccountState> {
  // The action checks the step-up itself: the page's check does not cover a form left open.
  const current = await requireStrongestFreshAuth(PAGE);
  const confirmation = formText(formData, 'confirmation', 300);
  const result = await deleteAccount(current, { confirmation }, current.context, { schedule: (work) => after(work) });
  switch (result.status) {
    case 'deleted':
    case 'gone': // a racing request deleted it first: this browser is signed out all the same
      deleteSessionCookie(await cookies());
      redirect('/login?reason=account-deleted');
    case 'invalid':
      return { error: result.message };
    case 'step-up':
      redirect(`/reauth?${new URLSearchParams({ next: PAGE })}`);
  }
}
