'use server';
// "Send confirmation link": lib/auth/email-change/request.ts does the work.
import { after } from 'next/server';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { requireStrongestFreshAuth } from '@/lib/dal/session';
import { formText } from '@/lib/auth/input';
import { EMAIL_INVALID, requestEmailChange } from '@/lib/auth/email-change';
import type { EmailRequestState } from '@/app/ui/email-request-form';

export type EmailChangeState = EmailRequestState;

const PAGE = '/security/email';

export async function requestEmailChangeAction(_previous: EmailChangeState, formData: FormData): Promise<EmailChangeState> {
  // The action checks the step-up itself: the page's check does not cover a form left open.
  const current = await requireStrongestFreshAuth(PAGE);
  const newEmail = formText(formData, 'newEmail', 300).trim();
  if (!newEmail) return { error: 'Enter the new email address.' };
  if (newEmail.length > 254) return { error: EMAIL_INVALID };
  const result = await requestEmailChange(current, newEmail, current.context, { origin: env.relyingParty.origin, schedule: (work) => after(work) });
  switch (result.status) {
    case 'requested':
      return { done: result.message };
    case 'invalid':
      return { error: result.message };
    case 'step-up':
      redirect(`/reauth?${new URLSearchParams({ next: PAGE })}`);
  }
}
