'use server';
import { formText } from '@/lib/auth/input';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/dal/session';
import { deletePayee } from '@/lib/dal/payees';

/** Removing a payee (a plain form post, so it works without JavaScript). Audited, even for ids that are not found. */
export async function removePayeeAction(formData: FormData): Promise<void> {
  const current = await requireUser();
  const payeeId = formText(formData, 'payeeId', 64).slice(0, 64);
  const outcome = await deletePayee(current.user.id, payeeId, current);
  redirect(outcome.status === 'removed' ? '/transfers/payees?removed=1' : '/transfers/payees');
}
