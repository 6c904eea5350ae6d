// Reading server-action form fields defensively: a field can be missing, a
// File (multipart), or huge — and the "form" itself can be anything a crafted
// Server Action call decodes to (null, a number, an array): React passes the
// decoded arguments to the action as they are. Everything becomes a string,
// capped, so no input shape can throw past the form's own validation.

/** The field as text; '' when missing, not text, or when `formData` is not a form at all. `limit` caps what is kept (longer input is still detectable). */
export function formText(formData: unknown, name: string, limit = 4096): string {
  if (!(formData instanceof FormData)) return '';
  const value = formData.get(name);
  if (typeof value !== 'string') return '';
  return value.length > limit ? value.slice(0, limit + 1) : value;
}
