'use server';
// "Confirm new address": lib/auth/email-change/confirm.ts does the work.
import { after } from 'next/server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { clearLinkCookie, readLinkCookie } from '@/lib/auth/email-token';
import { CHANGE_ADDRESS_TAKEN, CHANGE_LINK_INVALID, confirmEmailChange, EMAIL_CHANGE_COOKIE } from '@/lib/auth/email-change';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export type ConfirmEmailState = { error?: string };

export async function confirmEmailChangeAction(): Promise<ConfirmEmailState> {
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await confirmEmailChange(await readLinkCookie(EMAIL_CHANGE_COOKIE), context, { schedule: (work) => after(work) });
  await clearLinkCookie(EMAIL_CHANGE_COOKIE);
  switch (result.status) {
    case 'changed':
      redirect('/login?reason=email-changed');
    case 'invalid-link':
      return { error: CHANGE_LINK_INVALID };
    case 'taken':
      return { error: CHANGE_ADDRESS_TAKEN };
  }
}
