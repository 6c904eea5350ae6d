'use server';
// "Create account": the same answer for every email (lib/auth/sign-up/request.ts).
import { after } from 'next/server';
import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { formText } from '@/lib/auth/input';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password';
import { requestSignUp, SIGN_UP_CLOSED, SIGN_UP_LIMITED, SIGN_UP_REQUESTED, type SignUpField } from '@/lib/auth/sign-up';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export type SignUpState = { error?: string; field?: SignUpField; done?: string; values?: { name: string; email: string } };

export async function signUpAction(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const input = {
    name: formText(formData, 'name', 300),
    email: formText(formData, 'email', 300),
    password: formText(formData, 'password', PASSWORD_MAX_LENGTH + 1),
    confirmPassword: formText(formData, 'confirmPassword', PASSWORD_MAX_LENGTH + 1),
  };
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await requestSignUp(input, context, { mode: env.SIGN_UP, origin: env.relyingParty.origin, schedule: (work) => after(work) });
  const values = { name: input.name.slice(0, 100), email: input.email.slice(0, 254) };
  switch (result.status) {
    case 'requested':
      return { done: SIGN_UP_REQUESTED };
    case 'limited':
      return { error: SIGN_UP_LIMITED, values };
    case 'closed':
      return { error: SIGN_UP_CLOSED };
    case 'invalid':
      return { error: result.message, field: result.field, values };
  }
}
