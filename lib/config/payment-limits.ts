// The regulation's ceilings that configuration may lower, never raise: here,
// beside the schema that enforces them, so configuration needs no banking code
// (lib/banking/sca-policy.ts applies them).

/** RTS Art. 16 (low-value remote payments): the ceilings a deployment may lower, never raise. */
export const RTS_LOW_VALUE_LIMITS = {
  /** (a) one payment at most €30. */
  singleMaxMinor: 30_00,
  /** (b) together, since the last strong authentication, at most €100 … */
  cumulativeMaxMinor: 100_00,
  /** (c) … and at most five payments. */
  maxCount: 5,
} as const;
