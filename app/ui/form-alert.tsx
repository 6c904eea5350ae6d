// A form's error, with the guess-limit warning in bold when there is one; `id`
// is what the invalid fields' aria-describedby points at.
export function FormAlert({ id, error, warning }: { id: string; error?: string; warning?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="alert alert-error" role="alert">
      {error}
      {warning ? (
        <>
          {' '}
          <strong>{warning}</strong>
        </>
      ) : null}
    </p>
  );
}

/** What a form that is done shows in its place. */
export function FormDone({ message }: { message: string }) {
  return (
    <p className="alert alert-info" role="status">
      {message}
    </p>
  );
}
