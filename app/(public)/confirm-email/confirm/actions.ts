'use server';
// "Confirm new address": lib/auth/email-change/confirm.ts does the work.
import { after } from 'next/server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { clearEmailTokenCookie, readEmailTokenCookie } from '@/lib/auth/email-token';
import { CHANGE_ADDRESS_TAKEN, CHANGE_LINK_INVALID, confirmEmailChange, EMAIL_CHANGE_COOKIE_NAME } from '@/lib/auth/email-change';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export type ConfirmEmailState = { error?: string };

export async function confirmEmailChangeAction(): Promise<ConfirmEmailState> {
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await confirmEmailChange(await readEmailTokenCookie(EMAIL_CHANGE_COOKIE_NAME), context, { schedule: (work) => after(work) });
  await clearEmailTokenCookie(EMAIL_CHANGE_COOKIE_NAME);
  switch (result.status) {
    case 'changed':
      redirect('/login?reason=email-changed');
    case 'invalid-link':
      return { error: CHANGE_LINK_INVALID };
    case 'taken':
      return { error: CHANGE_ADDRESS_TAKEN };
  }
}
