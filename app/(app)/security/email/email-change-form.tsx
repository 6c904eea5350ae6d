'use client';
import { EmailRequestForm } from '@/app/ui/email-request-form';
import { requestEmailChangeAction } from './actions';

export function EmailChangeForm() {
  return (
    <EmailRequestForm
      action={requestEmailChangeAction}
      field={{ name: 'newEmail', label: 'New email address', autoComplete: 'email' }}
      submit={['Send confirmation link', 'Sending…']}
    />
  );
}
