'use client';
import { PasskeyButton } from '@/app/ui/passkey-button';
import { beginPasskeySecondFactorAction, finishPasskeySecondFactorAction } from './passkey-actions';

export function PasskeySecondFactor({ primary }: { primary: boolean }) {
  return (
    <PasskeyButton
      id="passkey-second-factor"
      label="Use your passkey"
      className={`button ${primary ? 'button-primary' : 'button-secondary'} button-block`}
      begin={beginPasskeySecondFactorAction}
      finish={finishPasskeySecondFactorAction}
    />
  );
}
