// "New password" and "Confirm new password", with the rules' hint: one
// definition for every form that sets a password (change, reset), so the
// fields' names, autocomplete and hint cannot drift apart.
const fields = [
  { name: 'newPassword', label: 'New password' },
  { name: 'confirmPassword', label: 'Confirm new password' },
] as const;

export type NewPasswordField = (typeof fields)[number]['name'];

/** `invalidField`: the field the server refused, described by the alert `errorId`. */
export function NewPasswordFields({ minLength, invalidField, errorId }: { minLength: number; invalidField?: string; errorId: string }) {
  return fields.map((field) => {
    const invalid = invalidField === field.name;
    const hintId = field.name === 'newPassword' ? 'new-password-hint' : undefined;
    return (
      <div className="field" key={field.name}>
        <label htmlFor={field.name}>{field.label}</label>
        <input
          id={field.name}
          name={field.name}
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
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
