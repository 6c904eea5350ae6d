// Strong customer authentication for payments (PSD2 RTS, Delegated Regulation
// (EU) 2018/389), as data and pure decisions. Framework-free: the env schema
// reads the limits, lib/dal/send-transfer.ts applies them inside its database
// transaction. Decisions: docs/decisions/017-strong-customer-authentication-for-payments.md

import { RTS_LOW_VALUE_LIMITS } from '../config/payment-limits';

export { RTS_LOW_VALUE_LIMITS };

/** The limits apply to euro amounts; other currencies always need a strong authentication (no FX here). */
export const RTS_LIMIT_CURRENCY = 'EUR';

export type ScaPolicy = {
  singleMaxMinor: number;
  cumulativeMaxMinor: number;
  maxCount: number;
  /** How long a transfer authorisation (pending or approved) stays usable. */
  authorisationTtlMs: number;
};

export const DEFAULT_SCA_POLICY: ScaPolicy = { ...RTS_LOW_VALUE_LIMITS, authorisationTtlMs: 5 * 60_000 };

export function scaPolicyFromEnv(env: {
  SCA_EXEMPTION_SINGLE_MAX_MINOR: number;
  SCA_EXEMPTION_CUMULATIVE_MAX_MINOR: number;
  SCA_EXEMPTION_MAX_COUNT: number;
  TRANSFER_AUTHORISATION_TTL: number;
}): ScaPolicy {
  return {
    singleMaxMinor: env.SCA_EXEMPTION_SINGLE_MAX_MINOR,
    cumulativeMaxMinor: env.SCA_EXEMPTION_CUMULATIVE_MAX_MINOR,
    maxCount: env.SCA_EXEMPTION_MAX_COUNT,
    authorisationTtlMs: env.TRANSFER_AUTHORISATION_TTL,
  };
}

/** An account with only a password meets a payment above the exemption: two factors are needed (Art. 4; ADR 030). */
export const PAYMENT_NEEDS_SECOND_FACTOR =
  'Payments above the limit need two factors: your password alone cannot approve this one. Set up an authenticator app or add a passkey, then approve it.';

/** Low-value exempt payments made since the last strong authentication. */
export type ExemptionUsage = { count: number; sumMinor: number };

/**
 * May this payment to a payee go without a strong authentication (RTS Art. 16)?
 * Both cumulative limits are applied (the RTS lets a bank pick one; both is stricter),
 * and they include this payment.
 */
export function isLowValueExempt(
  payment: { amountMinor: number; currency: string },
  used: ExemptionUsage,
  policy: Pick<ScaPolicy, 'singleMaxMinor' | 'cumulativeMaxMinor' | 'maxCount'>,
): boolean {
  return (
    payment.currency === RTS_LIMIT_CURRENCY &&
    payment.amountMinor <= policy.singleMaxMinor &&
    used.count + 1 <= policy.maxCount &&
    used.sumMinor + payment.amountMinor <= policy.cumulativeMaxMinor
  );
}
