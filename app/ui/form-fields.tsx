// The labelled inputs of the account forms (sign-up, invitation, password reset
// and change): the error wiring (aria-invalid, aria-describedby to the form's
// alert) and, under a new password, the password policy in words.
export type FieldSpec = {
  name: string;
  label: string;
  autoComplete: string;
  /** 'password' unless said; a new password gets the policy hint and the minimum length. */
  type?: 'text' | 'email' | 'password';
  newPassword?: boolean;
  maxLength?: number;
};

export function FormFields({
  fields,
  invalidField,
  errorId,
  minLength,
  values = {},
}: {
  fields: readonly FieldSpec[];
  invalidField: string | undefined;
  /** The id of the form's alert, which an invalid field points at. */
  errorId: string;
  minLength: number;
  values?: Record<string, string | undefined>;
}) {
  return fields.map((field) => {
    const invalid = invalidField === field.name;
    // One hint per form: the first new-password field's.
    const hintId = field.newPassword && fields.find((f) => f.newPassword) === field ? `${field.name}-hint` : undefined;
    return (
      <div className="field" key={field.name}>
        <label htmlFor={field.name}>{field.label}</label>
        <input
          id={field.name}
          name={field.name}
          type={field.type ?? 'password'}
          autoComplete={field.autoComplete}
          required
          minLength={field.newPassword ? minLength : undefined}
          maxLength={field.maxLength}
          defaultValue={values[field.name]}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={[hintId, invalid ? errorId : undefined].filter(Boolean).join(' ') || undefined}
        />
        {hintId ? (
          <span id={hintId} className="hint">
            At least {minLength} characters. Not your email address, not a common password.
          </span>
        ) : null}
      </div>
    );
  });
}
