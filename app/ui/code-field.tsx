// The one "Authentication code" input (TOTP or recovery code) used by the MFA
// step, re-authentication and MFA settings: same name, limits and autofill hints.
export function AuthenticationCodeField({
  id,
  describedBy,
  invalid,
  autoFocus,
  hint,
}: {
  id: string;
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
  hint?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>Authentication code</label>
      <input
        id={id}
        name="code"
        type="text"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={64}
        autoFocus={autoFocus}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(' ') || undefined}
        aria-invalid={invalid ? true : undefined}
      />
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
