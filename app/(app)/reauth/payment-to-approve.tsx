import type { PendingAuthorisationView } from '@/lib/dal/transfers';
import { formatIban } from '@/app/ui/format';
import { Money } from '@/app/ui/money';

/** The payment a step-up approves (dynamic linking: the user sees what they authorise). */
export function PaymentToApprove({ payment }: { payment: PendingAuthorisationView }) {
  return (
    <dl className="receipt" aria-label="Payment to approve">
      <div>
        <dt>Amount</dt>
        <dd>
          <Money minor={payment.amountMinor} currency={payment.currency} />
        </dd>
      </div>
      <div>
        <dt>To</dt>
        <dd>
          {payment.to.name}
          {payment.to.iban ? <span className="mono muted"> · {formatIban(payment.to.iban)}</span> : null}
        </dd>
      </div>
      <div>
        <dt>From</dt>
        <dd>{payment.fromAccountName}</dd>
      </div>
    </dl>
  );
}
