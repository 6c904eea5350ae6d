'use client';
import { PasskeyButton } from '@/app/ui/passkey-button';
import { beginPasskeyStepUpAction, finishPasskeyStepUpAction } from './passkey-actions';

export function PasskeyStepUp({ next, authorisation }: { next: string; authorisation?: string }) {
  return (
    <PasskeyButton
      id="passkey-step-up"
      label={authorisation ? 'Approve with a passkey' : 'Confirm with a passkey'}
      className="button button-primary button-block"
      begin={() => beginPasskeyStepUpAction(authorisation)}
      finish={(response) => finishPasskeyStepUpAction(response, next, authorisation)}
    />
  );
}
