'use client';
// "Remove": asks for the proof a factor change needs (ADR 030) before the passkey goes.
import { useActionState, useState } from 'react';
import { beginFactorChangeProofAction, removePasskeyAction, type PasskeyChangeState } from './passkey-actions';
import { attachPasskeyProof, FactorProofFields, type ExistingFactors } from './factor-proof-fields';
import { FormAlert } from '@/app/ui/form-alert';

export function RemovePasskey({ passkeyId, index, titleId, factors }: { passkeyId: string; index: number; titleId: string; factors: ExistingFactors }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState<PasskeyChangeState, FormData>(async (previous, formData) => {
    const refused = await attachPasskeyProof(formData, factors, beginFactorChangeProofAction);
    return refused ? { error: refused } : removePasskeyAction(previous, formData);
  }, {});
  const errorId = `remove-passkey-error-${index}`;
  if (!open) {
    return (
      <button type="button" className="button button-danger button-small" aria-describedby={titleId} onClick={() => setOpen(true)}>
        Remove
      </button>
    );
  }
  return (
    <form action={formAction} className="form" noValidate aria-describedby={state.error ? errorId : undefined}>
      <FormAlert id={errorId} error={state.error} />
      <input type="hidden" name="passkeyId" value={passkeyId} />
      <FactorProofFields id={`remove-passkey-${index}`} factors={factors} describedBy={state.error ? errorId : undefined} />
      <button type="submit" className="button button-danger button-small" aria-describedby={titleId} disabled={pending}>
        {pending ? 'Removing…' : 'Remove passkey'}
      </button>
    </form>
  );
}
