// A form field's error, with the id its input points at (aria-describedby).
export function FieldError({ field, message }: { field: string; message: string | undefined }) {
  return message ? (
    <p id={`${field}-error`} className="field-error">
      {message}
    </p>
  ) : null;
}
