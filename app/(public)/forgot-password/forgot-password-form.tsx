'use client';
import { EmailRequestForm } from '@/app/ui/email-request-form';
import { sendResetLink } from './actions';

export function ForgotPasswordForm() {
  return <EmailRequestForm action={sendResetLink} field={{ name: 'email', label: 'Email', autoComplete: 'username' }} submit={['Send reset link', 'Sending…']} />;
}
