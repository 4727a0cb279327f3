// A count typed into a form (days, invoices) for an API body: a whole number
// goes as a number; anything else goes as typed, so that the API's own
// message ("must be an integer") appears beside the field. The API, not the
// console, is the judge of what the text means.

/** The typed text as the number field of a body; text that is not a whole number is sent as it is. */
export function wholeNumberAsTyped(text: string): number {
  const trimmed = text.trim();
  return (/^\d+$/.test(trimmed) ? Number(trimmed) : text) as number;
}
