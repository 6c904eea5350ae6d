// Reading server-action form fields defensively: a field can be missing, a
// File (multipart), or huge. Everything becomes a string, capped, so no input
// shape can throw past the form's own validation.

/** The field as text; '' when missing or not text. `limit` caps what is kept (longer input is still detectable). */
export function formText(formData: FormData, name: string, limit = 4096): string {
  const value = formData.get(name);
  if (typeof value !== 'string') return '';
  return value.length > limit ? value.slice(0, limit + 1) : value;
}
